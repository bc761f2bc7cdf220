// Which X-Forwarded-For entry is the client (issue 10.3): the one the trusted proxies added,
// never what the client wrote to the left of it.
#include <gtest/gtest.h>

#include "core/server.hpp"

namespace goldthread::core {
namespace {

TEST(ClientAddress, OneTrustedProxyMeansTheRightmostEntry) {
  EXPECT_EQ(client_address("10.0.0.2", {"203.0.113.9"}, 1), "203.0.113.9");
  // The client wrote "1.2.3.4"; the proxy appended the address it saw.
  EXPECT_EQ(client_address("10.0.0.2", {"1.2.3.4, 203.0.113.9"}, 1), "203.0.113.9");
  // Several headers count as one list, in order.
  EXPECT_EQ(client_address("10.0.0.2", {"1.2.3.4", "198.51.100.7"}, 1), "198.51.100.7");
}

TEST(ClientAddress, TwoTrustedProxiesMeanTheSecondFromTheRight) {
  EXPECT_EQ(client_address("10.0.0.2", {"6.6.6.6, 203.0.113.9, 10.0.0.1"}, 2), "203.0.113.9");
  EXPECT_EQ(client_address("10.0.0.2", {"203.0.113.9"}, 2), "203.0.113.9");  // shorter than the chain
}

TEST(ClientAddress, NoHeaderOrGarbageMeansThePeer) {
  EXPECT_EQ(client_address("10.0.0.2", {}, 1), "10.0.0.2");
  EXPECT_EQ(client_address("10.0.0.2", {"  ,  "}, 1), "10.0.0.2");
  EXPECT_EQ(client_address("10.0.0.2", {"1.2.3.4, not-an-address"}, 1), "10.0.0.2");
  EXPECT_EQ(client_address("10.0.0.2", {"2001:db8::1"}, 1), "2001:db8::1");
}

}  // namespace
}  // namespace goldthread::core
