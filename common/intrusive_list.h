#pragma once
// A minimal intrusive doubly-linked list: O(1) insert, remove and move-to-back with no
// allocation. Used for deadline queues where every entry has the same timeout, so the list
// stays ordered by deadline when entries are appended (or moved to the back) as they are
// touched, and one timer on the front entry serves them all.
//
// An element type derives from ListHook<Tag> once per list it can be on:
//   struct Conn : ListHook<IdleTag>, ListHook<ConnectTag> { ... };
//   IntrusiveList<Conn, IdleTag> idle;

#include <cstddef>

namespace mm::common {

template <typename Tag>
struct ListHook {
  ListHook* prev = nullptr;
  ListHook* next = nullptr;
  bool linked() const { return prev != nullptr; }
};

template <typename T, typename Tag>
class IntrusiveList {
  using Hook = ListHook<Tag>;

 public:
  IntrusiveList() { head_.prev = head_.next = &head_; }
  IntrusiveList(const IntrusiveList&) = delete;
  IntrusiveList& operator=(const IntrusiveList&) = delete;

  bool empty() const { return head_.next == &head_; }

  void push_back(T& item) {
    Hook& h = item;
    h.prev = head_.prev;
    h.next = &head_;
    head_.prev->next = &h;
    head_.prev = &h;
  }

  // Takes `item` off whichever list of this tag holds it (a no-op when on none), so an
  // element can leave a list without knowing which one of several (e.g. wheel buckets).
  static void unlink(T& item) {
    Hook& h = item;
    if (!h.linked()) return;
    h.prev->next = h.next;
    h.next->prev = h.prev;
    h.prev = h.next = nullptr;
  }
  void remove(T& item) { unlink(item); }

  void move_to_back(T& item) {
    remove(item);
    push_back(item);
  }

  T* front() { return empty() ? nullptr : static_cast<T*>(head_.next); }
  T* next(T& item) {
    Hook* n = static_cast<Hook&>(item).next;
    return n == &head_ ? nullptr : static_cast<T*>(n);
  }

 private:
  Hook head_;
};

}  // namespace mm::common
