"""The 调解员 a case names is the one its documents print: the case page and the 人民调解记录
read the same list (the mediators named at registration, and the handler when the handler is a
mediator of the handling committee)."""

import re

import pytest

from cases import engine
from cases.documents import registry, render_docx
from cases.tests.test_documents import docx_text
from conftest import frozen_today
from mediation.models import Mediator
from mediation.selectors import case_mediators
from mediation.tests.factories import make_dispute

pytestmark = pytest.mark.django_db


@pytest.fixture
def dispute(world):
    """A dispute accepted and with one session recorded, so that the record can be made."""
    m = world.mediator_haizhu
    d = make_dispute(organization=world.haizhu_committee, actor=m)
    d = engine.fire(d, "accept", actor=m, version=d.version,
                    data={"consent": True, "accepted_on": frozen_today()})  # fmt: skip
    return engine.fire(d, "record_session", actor=m, version=d.version,
                       data={"held_on": frozen_today(), "place": "调解室", "notes": "双方陈述。"})  # fmt: skip


def register(world, name, user=None, **extra):
    return Mediator.objects.create(name=name, committee=world.haizhu_committee, user=user, **extra)


def shown(client, user, dispute) -> str:
    client.force_login(user)
    html = client.get(dispute.get_absolute_url()).content.decode()
    return re.search(r'id="case-mediators">([^<]*)<', html).group(1)


def printed(dispute) -> str:
    text = docx_text(render_docx(registry.get("mediation.dispute", "record"), dispute))
    return re.search(r"人民调解员：(.*?)告知事项", text).group(1)


def test_the_mediator_who_claimed_the_case_is_named_and_printed(client, world, dispute):
    register(world, "王调解", user=world.mediator_haizhu)
    assert shown(client, world.mediator_haizhu, dispute) == "—"
    assert set(printed(dispute)) == {"＿"}  # today's blank, before anyone takes the case
    dispute = engine.claim(dispute, actor=world.mediator_haizhu, version=dispute.version)
    assert case_mediators(dispute) == ["王调解"]
    assert shown(client, world.clerk_haizhu, dispute) == "王调解"
    assert printed(dispute) == "王调解"


def test_named_mediators_and_the_handler_agree_on_page_and_paper(client, world, dispute):
    register(world, "王调解", user=world.mediator_haizhu)
    dispute.mediators.set([register(world, "李调解")])
    dispute = engine.claim(dispute, actor=world.mediator_haizhu, version=dispute.version)
    assert shown(client, world.clerk_haizhu, dispute) == "王调解、李调解" == printed(dispute)


def test_a_handler_without_a_register_entry_is_named_by_their_account(client, world, dispute):
    world.mediator_haizhu.full_name = "赵调解"
    world.mediator_haizhu.save()
    # An entry of the handler in another committee, or one that has left, does not count.
    Mediator.objects.create(name="旧名字", committee=world.baiyun_committee,
                            user=world.mediator_haizhu)  # fmt: skip
    register(world, "离任名字", user=world.mediator_haizhu, is_active=False)
    dispute = engine.claim(dispute, actor=world.mediator_haizhu, version=dispute.version)
    assert shown(client, world.clerk_haizhu, dispute) == "赵调解" == printed(dispute)


def test_a_handler_outside_the_committee_is_not_a_mediator_of_it(client, world, dispute):
    dispute.mediators.set([register(world, "李调解")])
    dispute = engine.assign(dispute, actor=world.clerk_haizhu, assignee=world.clerk_haizhu,
                            version=dispute.version)  # fmt: skip
    assert dispute.assignee == world.clerk_haizhu
    assert shown(client, world.clerk_haizhu, dispute) == "李调解" == printed(dispute)
