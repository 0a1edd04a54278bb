// Hostile input: thousands of malformed packets, before and after login,
// while a well-behaved libmariadb client keeps working. Deterministic (fixed
// seed) and bounded.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <random>
#include <string>

#include "gtest/gtest.h"
#include "lib/mysql/codec.h"
#include "lib/mysql/constants.h"
#include "lib/mysql/scramble.h"
#include "lib/mysql/server_test_base.h"
#include "lib/mysql/wire.h"

namespace tessera::mysql {
namespace {

// A blocking raw TCP client with a receive timeout.
class RawClient {
 public:
  explicit RawClient(int port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval tv{5, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    ok_ = connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
  }
  ~RawClient() { close(fd_); }
  bool ok() const { return ok_; }
  void Send(const std::string& bytes) {
    (void)send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
  }
  // Reads one packet payload; empty on EOF / timeout.
  std::string ReadPacket() {
    std::string header = ReadN(4);
    if (header.size() < 4) return "";
    size_t len = static_cast<uint8_t>(header[0]) |
                 (static_cast<uint8_t>(header[1]) << 8) |
                 (static_cast<uint8_t>(header[2]) << 16);
    return ReadN(len);
  }
  // Logs in as app/secret with mysql_native_password.
  bool Login() {
    std::string hs = ReadPacket();
    WireReader r(hs);
    r.Int1();
    r.NulString();
    r.Int4();
    std::string nonce(r.Bytes(8));
    r.Skip(1 + 2 + 1 + 2 + 2 + 1 + 10);
    nonce += std::string(r.NulString());
    if (!r.ok() || nonce.size() != 20) return false;
    std::string p;
    WireWriter w(&p);
    w.Int4(cap::kProtocol41 | cap::kSecureConnection | cap::kPluginAuth |
           cap::kMultiStatements | cap::kDeprecateEof);
    w.Int4(1 << 24);
    w.Int1(45);
    w.Zeros(23);
    w.NulString("app");
    std::string scramble = NativeScramble(nonce, "secret");
    w.Int1(static_cast<uint8_t>(scramble.size()));
    w.Bytes(scramble);
    w.NulString(kNativePassword);
    std::string out;
    uint8_t seq = 1;
    AppendPacket(p, &seq, &out);
    Send(out);
    std::string ok = ReadPacket();
    return !ok.empty() && ok[0] == 0;
  }

 private:
  std::string ReadN(size_t n) {
    std::string out;
    char buf[4096];
    while (out.size() < n) {
      ssize_t got = recv(fd_, buf, std::min(sizeof(buf), n - out.size()), 0);
      if (got <= 0) break;
      out.append(buf, got);
    }
    return out;
  }
  int fd_;
  bool ok_ = false;
};

class FuzzTest : public ServerTestBase {
 protected:
  std::string RandomBytes(size_t n) {
    std::string s(n, '\0');
    for (char& c : s) c = static_cast<char>(rng_() & 0xFF);
    return s;
  }
  std::mt19937 rng_{20261128};
};

TEST_F(FuzzTest, MalformedPacketsDoNotDisturbOtherClients) {
  ServerOptions o;
  o.max_packet_size = 1 << 20;
  StartServer(o);
  MYSQL* good = Connect("app", "secret");
  ASSERT_NE(good, nullptr) << error_;
  int packets = 0;
  for (int round = 0; round < 300; ++round) {
    // Before login: garbage instead of a handshake response.
    {
      RawClient c(server_->port());
      ASSERT_TRUE(c.ok());
      c.ReadPacket();
      std::string body = RandomBytes(rng_() % 200);
      std::string out;
      uint8_t seq = static_cast<uint8_t>(rng_() % 3);
      AppendPacket(body, &seq, &out);
      if (round % 5 == 0) out = RandomBytes(rng_() % 64);            // raw junk
      if (round % 7 == 0) out = std::string("\xff\xff\xff\x01", 4);  // huge
      c.Send(out);
      ++packets;
    }
    // After login: every command byte with random payloads.
    {
      RawClient c(server_->port());
      ASSERT_TRUE(c.ok());
      ASSERT_TRUE(c.Login());
      for (int i = 0; i < 20; ++i) {
        std::string body(1, static_cast<char>(rng_() % 0x21));
        if (body[0] == static_cast<char>(Command::kQuit)) body[0] = 0x1c;
        body += RandomBytes(rng_() % 48);
        std::string out;
        uint8_t seq = i % 9 == 8 ? 3 : 0;  // sometimes out of order
        AppendPacket(body, &seq, &out);
        c.Send(out);
        ++packets;
        if (seq == 4) break;  // the server closes after a sequence error
      }
    }
    if (round % 25 == 0) {
      EXPECT_EQ(Rows(good, "select rows 2"),
                (std::vector<std::vector<std::string>>{{"1"}, {"2"}}))
          << "round " << round;
    }
  }
  EXPECT_GT(packets, 2000);
  EXPECT_EQ(Rows(good, "select rows 1"),
            (std::vector<std::vector<std::string>>{{"1"}}));
  mysql_close(good);
  // And new clients still get in.
  MYSQL* fresh = Connect("app", "secret");
  ASSERT_NE(fresh, nullptr) << error_;
  mysql_close(fresh);
}

}  // namespace
}  // namespace tessera::mysql
