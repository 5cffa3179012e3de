"""A list page and its total in one query (pasok.web.paging)."""

import pytest
from django.contrib.auth.models import Group

from pasok.web.paging import page_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():
    Group.objects.bulk_create(Group(name=f"g{i:02}") for i in range(7))
    return Group.objects.order_by("name")


def test_a_page_and_the_total_come_in_one_query(groups, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = page_of(groups, "2", 3)
        names = [g.name for g in page.object_list]
        assert (page.paginator.count, page.paginator.num_pages) == (7, 3)
    assert names == ["g03", "g04", "g05"]
    assert (page.number, page.has_previous(), page.has_next()) == (2, True, True)
    assert (page.start_index(), page.end_index()) == (4, 6)


@pytest.mark.parametrize("typed", [None, "", "abc", "0", "-4"])
def test_what_is_not_a_page_number_is_the_first_page(groups, typed):
    page = page_of(groups, typed, 3)
    assert page.number == 1
    assert [g.name for g in page.object_list] == ["g00", "g01", "g02"]


def test_past_the_end_is_the_last_page(groups, django_assert_num_queries):
    with django_assert_num_queries(3):  # the empty page, the count, the last page
        page = page_of(groups, "9", 3)
        assert [g.name for g in page.object_list] == ["g06"]
    assert page.number == 3


def test_an_empty_list_is_one_empty_page(django_assert_num_queries):
    with django_assert_num_queries(1):
        page = page_of(Group.objects.order_by("name"), "1", 3)
    assert (list(page.object_list), page.paginator.count, page.number) == ([], 0, 1)
