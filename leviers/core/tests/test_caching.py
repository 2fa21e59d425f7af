from leviers.core.caching import StampedCache, reset_all


class Counter:
    def __init__(self):
        self.stamp = 1
        self.builds = 0

    def build(self):
        self.builds += 1
        return f"valeur {self.builds}"


def test_value_is_built_once_while_the_stamp_holds():
    data = Counter()
    cache = StampedCache("essai", stamp=lambda: data.stamp, build=data.build)
    assert cache.get() == cache.get() == "valeur 1"
    assert data.builds == 1


def test_a_new_stamp_rebuilds_the_value():
    data = Counter()
    cache = StampedCache("essai", stamp=lambda: data.stamp, build=data.build)
    cache.get()
    data.stamp = 2
    assert cache.get() == "valeur 2"


def test_a_stamp_given_by_the_caller_is_used_instead_of_reading_it():
    data = Counter()
    cache = StampedCache("essai", stamp=lambda: data.stamp, build=data.build)
    cache.get(stamp=1)
    data.stamp = 2  # a stamp read now would differ: the one given must win
    assert cache.get(stamp=1) == "valeur 1"
    assert cache.get(stamp=3) == "valeur 2"


def test_a_stamp_of_none_is_cached_like_any_other():
    data = Counter()
    cache = StampedCache("essai", stamp=lambda: None, build=data.build)
    cache.get()
    cache.get()
    assert data.builds == 1


def test_reset_all_forgets_every_cache():
    first, second = Counter(), Counter()
    caches = [
        StampedCache(name, stamp=lambda: 1, build=counter.build)
        for name, counter in (("un", first), ("deux", second))
    ]
    for cache in caches:
        cache.get()
    reset_all()
    for cache in caches:
        cache.get()
    assert (first.builds, second.builds) == (2, 2)


def test_a_held_value_is_served_while_its_stamp_holds():
    data = Counter()
    built_elsewhere = StampedCache("ailleurs", stamp=lambda: data.stamp, build=data.build)
    built_elsewhere.get()
    cache = StampedCache("essai", stamp=lambda: data.stamp, build=data.build)
    cache.hold(*built_elsewhere.held())
    assert cache.get() == "valeur 1"
    assert data.builds == 1
    data.stamp = 2
    assert cache.get() == "valeur 2"


def test_an_empty_cache_holds_nothing():
    assert StampedCache("vide", stamp=lambda: 1, build=Counter().build).held() is None
