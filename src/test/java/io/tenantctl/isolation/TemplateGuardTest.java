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
import io.tenantctl.testing.Samples;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TemplateGuardTest {

  private final TemplateGuard guard = new TemplateGuard(Fixtures.context());

  @Test
  void theSampleTemplatesAreSafeForATenant() {
    assertEquals(List.of(), guard.check(
        Samples.templates().resolve("baseline.yaml"), Map.of("TenantName", "acme"), ACME_TARGET));
    assertEquals(List.of(), guard.check(
        Samples.templates().resolve("app.yaml"), Map.of("TenantName", "acme", "AppVersion", "1.4.2"),
        ACME_TARGET));
  }

  @Test
  void refusesARoleTrustingProductionThroughASubParameter() {
    String template = """
        Parameters:
          ProdId:
            Type: String
        Resources:
          ProdAccess:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Sid: FromProduction
                    Effect: Allow
                    Principal:
                      AWS: !Sub arn:aws:iam::${ProdId}:root
                    Action: sts:AssumeRole
        """;

    Breach breach = single(guard.check(FILE, template, Map.of("ProdId", PRODUCTION), ACME_TARGET));

    assertEquals(Kind.BREACH, breach.kind());
    assertEquals(PolicyLocation.inTemplate(FILE, "ProdAccess", "AWS::IAM::Role", ACME), breach.where());
    assertEquals(Optional.of("acme"), breach.tenant());
    assertEquals("FromProduction", breach.statement());
    assertEquals("arn:aws:iam::222222222222:root", breach.principal());
    assertEquals("trusts the production account 222222222222", breach.reason());
    assertEquals("account 333333333333 (tenant acme), templates/tenant.yaml: AWS::IAM::Role"
        + " ProdAccess, statement FromProduction, principal arn:aws:iam::222222222222:root:"
        + " trusts the production account 222222222222", breach.message());
  }

  @Test
  void refusesARoleTrustingAnotherTenantThroughAParameterDefault() {
    String template = role("""
        !Sub "arn:${AWS::Partition}:iam::${Peer}:role/app"
        """, "Peer:\n    Type: String\n    Default: \"444444444444\"");

    Breach breach = single(guard.check(FILE, template, Map.of(), ACME_TARGET));

    assertEquals("arn:aws:iam::444444444444:role/app", breach.principal());
    assertEquals("trusts tenant globex's account 444444444444", breach.reason());
  }

  @Test
  void refusesAnArnBuiltWithJoin() {
    String template = role("""
        !Join ["", ["arn:aws:iam::", !Ref ProdId, ":root"]]
        """, "ProdId:\n    Type: String");

    Breach breach = single(guard.check(FILE, template, Map.of("ProdId", PRODUCTION), ACME_TARGET));

    assertEquals("trusts the production account 222222222222", breach.reason());
  }

  @Test
  void refusesABucketPolicyOpenToAnyone() {
    Breach breach = single(guard.check(FILE, bucketPolicy(""), Map.of(), ACME_TARGET));

    assertEquals("DataBucketPolicy", breach.where().resourceName());
    assertEquals("*", breach.principal());
    assertEquals("admits any principal", breach.reason());
  }

  @Test
  void acceptsABucketPolicyNarrowedToTheTenantsOwnAccount() {
    String condition = """
                    Condition:
                      StringEquals:
                        aws:PrincipalAccount: !Ref AWS::AccountId
        """;

    assertEquals(List.of(), guard.check(FILE, bucketPolicy(condition), Map.of(), ACME_TARGET));
  }

  @Test
  void refusesAKeyPolicyForProduction() {
    String template = """
        Resources:
          TenantKey:
            Type: AWS::KMS::Key
            Properties:
              KeyPolicy:
                Statement:
                  - Sid: AccountAdministers
                    Effect: Allow
                    Principal: {AWS: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}
                    Action: kms:*
                    Resource: "*"
                  - Sid: ProductionDecrypts
                    Effect: Allow
                    Principal: {AWS: "arn:aws:iam::222222222222:role/reader"}
                    Action: kms:Decrypt
                    Resource: "*"
        """;

    Breach breach = single(guard.check(FILE, template, Map.of(), ACME_TARGET));

    assertEquals("ProductionDecrypts", breach.statement());
    assertEquals("admits the production account 222222222222", breach.reason());
  }

  @Test
  void choosesTheBranchOfAnEvaluableCondition() {
    String template = """
        Parameters:
          Env: {Type: String, Default: dev}
        Conditions:
          IsShared: !Equals [!Ref Env, shared]
        Resources:
          R:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal:
                      AWS: !If [IsShared, "arn:aws:iam::222222222222:root", !Ref AWS::AccountId]
                    Action: sts:AssumeRole
        """;

    assertEquals(List.of(), guard.check(FILE, template, Map.of(), ACME_TARGET));
    assertEquals("trusts the production account 222222222222",
        single(guard.check(FILE, template, Map.of("Env", "shared"), ACME_TARGET)).reason());
  }

  @Test
  void readsJsonTemplatesInLongForm() {
    String template = """
        {"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {
          "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow",
            "Principal": {"AWS": {"Fn::Sub": ["arn:aws:iam::${Acct}:root", {"Acct": "444444444444"}]}},
            "Action": "sts:AssumeRole"}]}}}}}
        """;

    assertEquals("trusts tenant globex's account 444444444444",
        single(guard.check(Path.of("t.json"), template, Map.of(), ACME_TARGET)).reason());
  }

  @Test
  void judgesLambdaPermissionsLikeTheStatementLambdaWrites() {
    String open = """
        Resources:
          InvokeFromS3:
            Type: AWS::Lambda::Permission
            Properties:
              FunctionName: worker
              Action: lambda:InvokeFunction
              Principal: s3.amazonaws.com
        """;
    String pinned = open + "      SourceAccount: !Ref AWS::AccountId\n";

    assertTrue(single(guard.check(FILE, open, Map.of(), ACME_TARGET)).reason()
        .startsWith("admits service s3.amazonaws.com on behalf of any account"));
    assertEquals(List.of(), guard.check(FILE, pinned, Map.of(), ACME_TARGET));
  }

  @Test
  void skipsResourcesWhoseConditionIsFalse() {
    String template = """
        Parameters:
          WithProdAccess: {Type: String, Default: "false"}
        Conditions:
          ProdAccess: !Equals [!Ref WithProdAccess, "true"]
        Resources:
          R:
            Type: AWS::IAM::Role
            Condition: ProdAccess
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - {Effect: Allow, Principal: {AWS: "222222222222"}, Action: sts:AssumeRole}
        """;

    assertEquals(List.of(), guard.check(FILE, template, Map.of(), ACME_TARGET));
    assertEquals(1, guard.check(FILE, template, Map.of("WithProdAccess", "true"), ACME_TARGET).size());
  }

  @Test
  void judgesTheProductionSharedResourcesStack() {
    Path shared = Path.of("src/test/resources/isolation/templates/shared-resources.yaml");
    Map<String, String> parameters =
        Map.of("TenantsOrgPath", "o-abc123def4/r-ab12/ou-ab12-11111111/*");

    assertEquals(List.of(), guard.check(shared, parameters, PRODUCTION_TARGET));
    List<Breach> wide = guard.check(shared, Map.of("TenantsOrgPath", "o-abc123def4/*"), PRODUCTION_TARGET);
    assertEquals(2, wide.size(), wide::toString);
    assertTrue(wide.get(0).reason().contains("beyond the tenants' OU path"));
  }

  @Test
  void refusesAProductionStackThatLetsTenantsWrite() {
    Breach breach = single(guard.check(
        Path.of("src/test/resources/isolation/templates/shared-resources-writable.yaml"),
        Map.of("TenantsOrgPath", "o-abc123def4/r-ab12/ou-ab12-11111111/*"), PRODUCTION_TARGET));

    assertEquals("ArtifactsBucketPolicy", breach.where().resourceName());
    assertEquals("grants s3:PutObject to the tenants' OU path; tenants may only read", breach.reason());
  }
}
