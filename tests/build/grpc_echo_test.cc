// Proves the offline toolchain: proto_library + cc_proto_library over
// Debian's protoc, and cc_grpc_library over Debian's grpc_cpp_plugin, with a
// real unary round trip on loopback.
#include <memory>
#include <string>

#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/build/echo.grpc.pb.h"

namespace tessera::buildcheck {
namespace {

class EchoService final : public Echo::Service {
  grpc::Status Say(grpc::ServerContext*, const EchoRequest* req,
                   EchoReply* reply) override {
    reply->set_text(req->text());
    reply->set_length(static_cast<int32_t>(req->text().size()));
    return grpc::Status::OK;
  }
};

TEST(GrpcEchoTest, UnaryRoundTripOnLoopback) {
  EchoService service;
  int port = 0;
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                           &port);
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  ASSERT_NE(server, nullptr);
  ASSERT_GT(port, 0);

  auto channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                                     grpc::InsecureChannelCredentials());
  auto stub = Echo::NewStub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  EchoRequest req;
  req.set_text("tessera");
  EchoReply reply;
  grpc::Status status = stub->Say(&ctx, req, &reply);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(reply.text(), "tessera");
  EXPECT_EQ(reply.length(), 7);
  server->Shutdown();
}

}  // namespace
}  // namespace tessera::buildcheck
