import pytest


@pytest.mark.django_db
def test_health_answers_ok_when_the_database_answers(client):
    response = client.get("/sante/")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert "no-cache" in response["Cache-Control"]
