

def test_news_is_what_happened_within_the_week():
    import datetime as dt

    from pasok import clock
    from pasok.accounts.notices import still_news

    at = dt.datetime(2027, 1, 10, 3, tzinfo=dt.UTC)
    with clock.frozen(at + dt.timedelta(days=7)):
        assert still_news(at) and not still_news(None)
    with clock.frozen(at + dt.timedelta(days=7, seconds=1)):
        assert not still_news(at)
