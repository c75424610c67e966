package io.tenantctl.cloud.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AwsPolicyReaderTest {
  @Test
  void aUrlEncodedTrustPolicyIsDecodedAndAPlainOneLeftAsItIs() {
    String plain = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"}}]}";
    // IAM's GetRole (and moto's) returns the document URL-encoded; ListRoles on moto returns it raw
    String encoded = java.net.URLEncoder.encode(plain, java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(plain, AwsPolicyReader.decoded(encoded));
    assertEquals(plain, AwsPolicyReader.decoded(plain));
  }
}
