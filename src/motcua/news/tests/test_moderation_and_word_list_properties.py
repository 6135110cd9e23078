"""Properties: whatever moderators try, a comment moves only as `services.MODERATION` says, each move
leaves one audit row, and the count shown is that of approved comments; a banned word is caught
whatever its accents or case, and never inside another word."""

from __future__ import annotations

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.core.text import fold
from motcua.news import selectors, services
from motcua.news.errors import IllegalModeration
from motcua.news.models import Comment, CommentModeration, CommentStatus
from motcua.news.tests.factories import article, moderator, verified

MOVES = st.lists(st.tuples(st.integers(0, 2), st.sampled_from(CommentStatus.values)), max_size=15)


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moves=MOVES)
def test_moderation_follows_the_table(moves: list[tuple[int, str]]) -> None:
    page = article(slug=f"tin-{Comment.objects.count()}-{len(moves)}")
    boss = verified(moderator())
    sender = services.Sender(address="192.0.2.1", name="Bạn đọc", email="b@example.vn")
    with override_settings(MOTCUA_COMMENTS_PER_ADDRESS_HOUR=0, MOTCUA_COMMENTS_PER_ADDRESS_DAY=0):
        comments = [
            services.post_comment(article_id=page.pk, sender=sender, body=f"Ý kiến {n}") for n in range(3)
        ]
    expected = {c.pk: CommentStatus.PENDING.value for c in comments}
    done = 0
    for which, to in moves:
        pk = comments[which].pk
        allowed = to in services.MODERATION[expected[pk]]
        if allowed:
            services.moderate_comment(comment_id=pk, actor=boss, to=to)
            expected[pk], done = to, done + 1
        else:
            with pytest.raises(IllegalModeration):
                services.moderate_comment(comment_id=pk, actor=boss, to=to)
    stored = dict(Comment.objects.filter(article=page).values_list("pk", "status"))
    assert stored == expected
    assert CommentModeration.objects.filter(comment__article=page).count() == done
    assert selectors.approved_count(page) == sum(s == CommentStatus.APPROVED for s in expected.values())


ACCENTED = {"a": "aàáảãạâầấẩẫậăằắẳẵặ", "o": "oòóỏõọôồốổỗộơờớởỡợ", "d": "dđ", "u": "uùúủũụưừứửữự"}


@given(data=st.data())
def test_banned_words_are_caught_whatever_their_accents(data: st.DataObject) -> None:
    with override_settings(MOTCUA_COMMENT_BANNED_WORDS=["đồ ngu", "casino"]):
        word = data.draw(st.sampled_from(["do ngu", "casino"]))
        written = "".join(data.draw(st.sampled_from(ACCENTED.get(ch, ch))) for ch in word)
        written = data.draw(st.sampled_from([written, written.upper(), written.title()]))
        assert services.find_banned(f"Ôi, {written}!") == fold(word)
        # Inside another word it is not the banned word ("casinox", "dongu" are other words).
        assert services.find_banned(f"{written.replace(' ', '')}x") is None
