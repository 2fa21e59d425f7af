from django import forms

from leviers.journey.models import MAX_ITEMS, Roadmap, RoadmapItem

CONTACT_HELP = (
    "Une structure, un service ou une fonction (par exemple : CEAS 72, chargée de mission ESS "
    "de la communauté de communes). N'inscrivez pas le téléphone ou l'adresse d'un particulier "
    "sans son accord : la feuille de route est lisible par toute personne qui a son lien."
)


class RoadmapTitleForm(forms.ModelForm):
    class Meta:
        model = Roadmap
        fields = ["title"]
        labels = {"title": "Titre de la feuille de route"}


class RoadmapItemForm(forms.ModelForm):
    class Meta:
        model = RoadmapItem
        fields = ["position", "next_step", "contact", "deadline", "notes"]
        labels = {
            "position": "Ordre",
            "next_step": "Prochaine étape",
            "contact": "Contact",
            "deadline": "Échéance",
            "notes": "Notes",
        }
        help_texts = {
            "next_step": "Par exemple : présenter le projet au conseil municipal de mars.",
            "contact": CONTACT_HELP,
        }
        widgets = {
            "position": forms.NumberInput(attrs={"min": 1, "max": MAX_ITEMS}),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        }

    def clean_notes(self):
        notes = self.cleaned_data["notes"]
        if len(notes) > 1000:
            raise forms.ValidationError("1 000 caractères au plus.")
        return notes


RoadmapItemFormSet = forms.modelformset_factory(
    RoadmapItem,
    form=RoadmapItemForm,
    extra=0,
    edit_only=True,  # items come from the recommendations: a form more creates nothing
    can_delete=True,
    max_num=MAX_ITEMS,
    validate_max=True,
)


class LinksMailForm(forms.Form):
    """« M'envoyer ces liens par courriel »: the address is used once, never kept."""

    email = forms.EmailField(
        label="Votre adresse électronique",
        max_length=254,
        help_text="Elle sert à cet envoi seulement : Leviers ne la garde pas.",
        error_messages={
            "required": "Indiquez l'adresse où recevoir les liens.",
            "invalid": "Adresse électronique invalide : elle s'écrit nom@domaine.fr.",
        },
    )
