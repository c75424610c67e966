package io.tenantctl.isolation;

import static io.tenantctl.isolation.Templates.ACME_TARGET;
import static io.tenantctl.isolation.Templates.FILE;
import static io.tenantctl.isolation.Templates.PRODUCTION_TARGET;
import static io.tenantctl.isolation.Fixtures.ACME;
import static io.tenantctl.isolation.Fixtures.PRODUCTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.tenantctl.isolation.Templates.bucketPolicy;
import static io.tenantctl.isolation.Templates.role;
import static io.tenantctl.isolation.Templates.single;

import io.tenantctl.isolation.Breach.Kind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the guard refuses rather than guesses, and what it lets pass unresolved. */
class TemplateRefusalTest {

  private final TemplateGuard guard = new TemplateGuard(Fixtures.context());

  @Test
  void refusesAnImportedPrincipalRatherThanGuessing() {
    Breach breach = single(guard.check(FILE, role("!ImportValue shared-DeployerArn", ""),
        Map.of(), ACME_TARGET));

    assertEquals(Kind.REFUSAL, breach.kind());
    assertEquals("(Fn::ImportValue)", breach.principal());
    assertEquals("cannot resolve Fn::ImportValue in Principal; refusing rather than guessing",
        breach.reason());
  }

  @Test
  void refusesAPrincipalThatIsWhollyAnIntrinsic() {
    String template = """
        Resources:
          R:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: !ImportValue shared-Principal
                    Action: sts:AssumeRole
        """;

    Breach breach = single(guard.check(FILE, template, Map.of(), ACME_TARGET));

    assertEquals(Kind.REFUSAL, breach.kind());
    assertTrue(breach.reason().startsWith("cannot resolve Fn::ImportValue in Principal"), breach::toString);
  }

  @Test
  void refusesUnknownNamesAndUnknownResources() {
    assertTrue(single(guard.check(FILE, role("!Ref Nowhere", ""), Map.of(), ACME_TARGET))
        .reason().contains("Ref to unknown name Nowhere"));
    assertTrue(single(guard.check(FILE, role("!GetAtt Ghost.Arn", ""), Map.of(), ACME_TARGET))
        .reason().contains("Fn::GetAtt of unknown resource Ghost.Arn"));
    assertTrue(single(guard.check(FILE, role("!Ref Peer", "Peer:\n    Type: String"), Map.of(),
        ACME_TARGET)).reason().contains("Ref to parameter Peer, which has no value"));
    assertTrue(single(guard.check(FILE, role("\"{{resolve:ssm:/prod/account}}\"", ""), Map.of(),
        ACME_TARGET)).reason().contains("dynamic reference"));
  }

  @Test
  void refusesAnUnresolvableCondition() {
    String condition = """
                    Condition:
                      StringEquals:
                        aws:PrincipalAccount: !ImportValue shared-AccountId
        """;

    Breach breach = single(guard.check(FILE, bucketPolicy(condition), Map.of(), ACME_TARGET));

    assertEquals(Kind.REFUSAL, breach.kind());
    assertTrue(breach.reason().contains("cannot resolve Fn::ImportValue in Condition aws:PrincipalAccount"));
  }

  @Test
  void ignoresWhatCannotBeResolvedOutsidePrincipalsAndConditions() {
    String template = """
        Resources:
          DataBucketPolicy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !ImportValue shared-Bucket
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: {AWS: !GetAtt TenantRole.Arn}
                    Action: [s3:GetObject, !ImportValue shared-Action]
                    Resource: !Sub "${BucketArn}/*"
          TenantRole:
            Type: AWS::IAM::Role
            Properties:
              RoleName: !ImportValue shared-RoleName
              AssumeRolePolicyDocument:
                Statement:
                  - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
        """;

    assertEquals(List.of(), guard.check(FILE, template, Map.of(), ACME_TARGET));
  }

  @Test
  void refusesWhatItCannotSee() {
    String transform = "Transform: AWS::Serverless-2016-10-31\nResources: {}\n";
    String nested = """
        Resources:
          Child:
            Type: AWS::CloudFormation::Stack
            Properties: {TemplateURL: https://example.com/child.yaml}
        """;

    assertTrue(single(guard.check(FILE, transform, Map.of(), ACME_TARGET)).reason()
        .startsWith("uses Transform AWS::Serverless-2016-10-31"));
    assertTrue(single(guard.check(FILE, nested, Map.of(), ACME_TARGET)).reason()
        .contains("AWS::CloudFormation::Stack creates resources from a template the guard does not see"));
    assertTrue(single(guard.check(FILE, "Resources: [unclosed", Map.of(), ACME_TARGET)).reason()
        .startsWith("cannot be read"));
    assertTrue(single(guard.check(FILE, "Resources:\n  A: 1\n  A: 2\n", Map.of(), ACME_TARGET))
        .reason().startsWith("cannot be read"));
  }

  @Test
  void guardsOnlyTenantAndProductionAccounts() {
    assertThrows(IllegalArgumentException.class, () -> guard.check(FILE, "Resources: {}",
        Map.of(), new DeployTarget("555555555555", "eu-west-1", "s")));
  }
}
