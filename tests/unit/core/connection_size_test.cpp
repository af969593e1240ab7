// What an idle connection costs the worker: its TcpConnection is one heap chunk (glibc: size
// + 8 rounded up to 16), of which the uv_tcp_t is the floor. ARCHITECTURE.md, "Memory per
// connection"; scripts/bench measures the whole (idle-10k). Raise the bound only knowingly.
#include <doctest/doctest.h>

#include "worker/connection.h"

TEST_CASE("a TcpConnection adds at most 160 bytes to its uv_tcp_t") {
  // With libuv 1.44's 248-byte uv_tcp_t: 408 bytes, a 416-byte chunk.
  CHECK(sizeof(mm::worker::TcpConnection) - sizeof(uv_tcp_t) <= 160);
}
