#pragma once
// One TCP connection of the load client on a libuv loop: connect, read and cut the input into
// whole MQTT packets, and batched output. Whatever a client queues with out() during a loop
// iteration is written once, by flush(), which the thread calls for every dirty connection
// before the loop waits (uv_prepare): one write for many packets. TCP_NODELAY is on.

#include <uv.h>

#include <vector>

#include "tests/bench/mqtt_bench/packets.h"

namespace mm::bench {

class Connection {
 public:
  // dirty: the thread's list of connections with output to write.
  Connection(uv_loop_t* loop, std::vector<Connection*>& dirty);
  virtual ~Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Starts connecting; false if it could not even start (the handle is then closed).
  bool open(const sockaddr_in& addr);
  // Output to append to; the connection will be flushed before the loop next waits.
  Bytes& out();
  void flush();
  // Closes the handle at once; on_closed() follows from the close callback.
  void close();
  bool is_open() const { return open_; }
  bool is_connected() const { return connected_; }

 protected:
  virtual void on_connected() = 0;
  // false closes the connection.
  virtual bool on_packet(const Frame& frame) = 0;
  // The broker closed the connection (EOF), or a read or write failed.
  virtual void on_ended(bool failed) = 0;
  virtual void on_closed() = 0;

 private:
  static void on_connect_cb(uv_connect_t* req, int status) noexcept;
  static void on_alloc_cb(uv_handle_t* h, size_t size, uv_buf_t* buf) noexcept;
  static void on_read_cb(uv_stream_t* s, ssize_t n, const uv_buf_t* buf) noexcept;
  static void on_write_cb(uv_write_t* req, int status) noexcept;
  static void on_close_cb(uv_handle_t* h) noexcept;
  void consume(const uint8_t* data, size_t size);
  size_t handle_packets(const uint8_t* data, size_t size);
  void end(bool failed);

  uv_loop_t* loop_;
  std::vector<Connection*>& dirty_list_;
  uv_tcp_t tcp_{};
  uv_connect_t connect_req_{};
  uv_write_t write_req_{};
  Bytes out_;      // queued, not yet handed to the kernel
  Bytes writing_;  // owned by the uv_write in progress
  Bytes partial_;  // the start of a packet whose end has not arrived
  bool open_ = false;
  bool connected_ = false;
  bool dirty_ = false;
  bool write_busy_ = false;
};

}  // namespace mm::bench
