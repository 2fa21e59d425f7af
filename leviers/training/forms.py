from __future__ import annotations

from django import forms


class SelfCheckForm(forms.Form):
    """One radio group per question of `module`'s self-check, every question answered."""

    def __init__(self, module, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.module = module
        for index, question in enumerate(module.questions):
            self.fields[f"q{index}"] = forms.TypedChoiceField(
                label=f"{index + 1}. {question['question']}",
                choices=[(str(i), a["text"]) for i, a in enumerate(question["answers"])],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Choisissez une réponse à la question {index + 1}.",
                    "invalid_choice": f"Réponse inconnue à la question {index + 1}.",
                },
            )

    def answers(self) -> dict[int, int]:
        return {
            index: self.cleaned_data[f"q{index}"] for index in range(len(self.module.questions))
        }

    def corrected(self, answers: dict[int, int]) -> list[dict]:
        """Each question with the answer chosen, whether it is right, and every explanation."""
        return [
            {
                "number": index + 1,
                "question": question["question"],
                "right": question["answers"][answers[index]]["correct"],
                "answers": [
                    {**answer, "chosen": i == answers[index]}
                    for i, answer in enumerate(question["answers"])
                ],
            }
            for index, question in enumerate(self.module.questions)
        ]
