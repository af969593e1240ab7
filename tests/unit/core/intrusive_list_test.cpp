#include <doctest/doctest.h>

#include <vector>

#include "common/intrusive_list.h"

using mm::common::IntrusiveList;
using mm::common::ListHook;

namespace {

struct A {};
struct B {};
struct Item : ListHook<A>, ListHook<B> {
  int v;
  explicit Item(int x) : v(x) {}
};

template <typename Tag>
std::vector<int> values(IntrusiveList<Item, Tag>& l) {
  std::vector<int> out;
  for (Item* i = l.front(); i != nullptr; i = l.next(*i)) out.push_back(i->v);
  return out;
}

}  // namespace

TEST_CASE("one element on two lists, ordered by touch") {
  Item x(1), y(2), z(3);
  IntrusiveList<Item, A> a;
  IntrusiveList<Item, B> b;
  a.push_back(x);
  a.push_back(y);
  a.push_back(z);
  b.push_back(z);
  b.push_back(x);
  CHECK(values(a) == std::vector<int>{1, 2, 3});
  CHECK(values(b) == std::vector<int>{3, 1});
  a.move_to_back(x);
  CHECK(values(a) == std::vector<int>{2, 3, 1});
  a.remove(y);
  a.remove(y);  // removing twice is harmless
  CHECK(values(a) == std::vector<int>{3, 1});
  IntrusiveList<Item, A>::unlink(z);  // without naming its list
  CHECK(values(a) == std::vector<int>{1});
  a.push_back(z);
  b.remove(z);
  b.remove(x);
  CHECK(b.empty());
  CHECK(b.front() == nullptr);
  CHECK(values(a) == std::vector<int>{1, 3});
}
