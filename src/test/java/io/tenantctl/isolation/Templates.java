package io.tenantctl.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

/** Small templates and helpers the guard tests share. */
final class Templates {

  static final Path FILE = Path.of("templates/tenant.yaml");
  static final DeployTarget ACME_TARGET = new DeployTarget(Fixtures.ACME, "eu-west-1", "tenantctl-acme-baseline");
  static final DeployTarget PRODUCTION_TARGET = new DeployTarget(Fixtures.PRODUCTION, "eu-west-1", "tenantctl-shared");

  private Templates() {}

  static Breach single(List<Breach> breaches) {
    assertEquals(1, breaches.size(), breaches::toString);
    return breaches.get(0);
  }

  /** A template with one role whose trust policy names {@code principal}. */
  static String role(String principal, String parameters) {
    return (parameters.isEmpty() ? "" : "Parameters:\n  " + parameters + "\n") + """
        Resources:
          R:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal:
                      AWS: %s
                    Action: sts:AssumeRole
        """.formatted(principal.strip());
  }

  static String bucketPolicy(String condition) {
    return """
        Resources:
          DataBucket:
            Type: AWS::S3::Bucket
          DataBucketPolicy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref DataBucket
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: "*"
                    Action: s3:GetObject
                    Resource: !Sub "${DataBucket.Arn}/*"
        """ + condition;
  }
}
