package io.tenantctl.isolation;

import static io.tenantctl.isolation.Templates.ACME_TARGET;
import static io.tenantctl.isolation.Templates.FILE;
import static io.tenantctl.isolation.Templates.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.isolation.Breach.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The classes of real-world templates the guard once judged wrongly (issue 10), each with its verdict. */
class TemplateGuardClassesTest {

  private final TemplateGuard guard = new TemplateGuard(Fixtures.context());

  private List<Breach> check(String template) {
    return guard.check(FILE, template, Map.of(), ACME_TARGET);
  }

  @Test
  void acceptsAnOriginAccessIdentityOfTheSameTemplateByArnAndByCanonicalUser() {
    String template = """
        Resources:
          Site:
            Type: AWS::S3::Bucket
          Identity:
            Type: AWS::CloudFront::CloudFrontOriginAccessIdentity
            Properties:
              CloudFrontOriginAccessIdentityConfig: {Comment: site}
          SitePolicy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref Site
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal:
                      AWS: !Sub "arn:${AWS::Partition}:iam::cloudfront:user/CloudFront Origin Access Identity ${Identity}"
                    Action: s3:GetObject
                    Resource: !Sub "${Site.Arn}/*"
                  - Effect: Allow
                    Principal:
                      CanonicalUser: !GetAtt Identity.S3CanonicalUserId
                    Action: s3:GetObject
                    Resource: !Sub "${Site.Arn}/*"
        """;

    assertEquals(List.of(), check(template));
  }

  @Test
  void refusesAnOriginAccessIdentityNotOfThisTemplate() {
    String template = """
        Resources:
          SitePolicy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: site
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal:
                      AWS: "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHAPOMQZL"
                    Action: s3:GetObject
                    Resource: arn:aws:s3:::site/*
        """;

    assertEquals(Kind.REFUSAL, single(check(template)).kind());
  }

  @Test
  void refusesAPrincipalFromACustomResourceAttribute() {
    String template = """
        Resources:
          Lookup:
            Type: Custom::AccountLookup
            Properties: {ServiceToken: arn:aws:lambda:eu-west-1:333333333333:function:lookup}
          R:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: {AWS: !GetAtt Lookup.Arn}
                    Action: sts:AssumeRole
        """;

    Breach breach = single(check(template));

    assertEquals(Kind.REFUSAL, breach.kind());
    assertEquals("cannot resolve Fn::GetAtt Lookup.Arn (custom resource Custom::AccountLookup: its code makes"
        + " the value up) in Principal; refusing rather than guessing", breach.reason());
  }

  @Test
  void refusesFnTransformWhereverItAppears() {
    String inResources = """
        Resources:
          Fn::Transform:
            Name: AWS::Include
            Parameters: {Location: s3://bucket/more.yaml}
        """;
    String inProperty = """
        Resources:
          R:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Fn::Transform:
                  Name: AWS::Include
                  Parameters: {Location: s3://bucket/trust.yaml}
        """;

    Breach resources = single(check(inResources));
    Breach property = single(check(inProperty));

    assertTrue(resources.reason().startsWith("uses Fn::Transform AWS::Include"), resources::toString);
    assertEquals("R", property.where().resourceName());
    assertTrue(property.reason().startsWith("uses Fn::Transform AWS::Include"), property::toString);
  }

  @Test
  void resolvesARefToAnOidcProviderToItsArnAndJudgesTheTrustByItsSubject() {
    String trust = """
        Resources:
          GitHub:
            Type: AWS::IAM::OIDCProvider
            Properties:
              Url: https://token.actions.githubusercontent.com
              ClientIdList: [sts.amazonaws.com]
          Deploy:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: {Federated: !Ref GitHub}
                    Action: sts:AssumeRoleWithWebIdentity
                    Condition:
                      StringEquals: {token.actions.githubusercontent.com:aud: sts.amazonaws.com}
        %s
        """;

    Breach anyRepository = single(check(trust.formatted("")));
    List<Breach> oneRepository = check(trust.formatted(
        "              StringLike: {token.actions.githubusercontent.com:sub: \"repo:acme-corp/app:*\"}"));

    assertEquals(Kind.BREACH, anyRepository.kind());
    assertEquals("arn:aws:iam::333333333333:oidc-provider/token.actions.githubusercontent.com",
        anyRepository.principal());
    assertEquals(List.of(), oneRepository);
  }

  @Test
  void readsTheResourcePoliciesOfTablesEventBusesReplicaKeysAndLayers() {
    String template = """
        Resources:
          Table:
            Type: AWS::DynamoDB::Table
            Properties:
              KeySchema: [{AttributeName: id, KeyType: HASH}]
              ResourcePolicy:
                PolicyDocument:
                  Statement:
                    - {Effect: Allow, Principal: {AWS: "222222222222"}, Action: dynamodb:PutItem, Resource: "*"}
          BusPolicy:
            Type: AWS::Events::EventBusPolicy
            Properties:
              StatementId: from-globex
              Statement: {Effect: Allow, Principal: {AWS: "444444444444"}, Action: events:PutEvents, Resource: "*"}
          LegacyBusPolicy:
            Type: AWS::Events::EventBusPolicy
            Properties:
              StatementId: from-anyone
              Action: events:PutEvents
              Principal: "*"
          Replica:
            Type: AWS::KMS::ReplicaKey
            Properties:
              PrimaryKeyArn: arn:aws:kms:us-east-1:333333333333:key/mrk-1
              KeyPolicy:
                Statement:
                  - {Effect: Allow, Principal: {AWS: "arn:aws:iam::222222222222:root"}, Action: "kms:*", Resource: "*"}
          LayerShare:
            Type: AWS::Lambda::LayerVersionPermission
            Properties:
              Action: lambda:GetLayerVersion
              LayerVersionArn: arn:aws:lambda:eu-west-1:333333333333:layer:l:1
              Principal: "*"
        """;

    List<String> refused = check(template).stream().map(b -> b.where().resourceName()).toList();

    assertEquals(List.of("Table", "BusPolicy", "LegacyBusPolicy", "Replica", "LayerShare"), refused);
  }

  @Test
  void refusesAnyResourceCarryingAPrincipalTheGuardDoesNotModel() {
    String template = """
        Resources:
          Novel:
            Type: AWS::Example::Thing
            Properties:
              AccessPolicy:
                Statement:
                  - {Effect: Allow, Principal: {AWS: "arn:aws:iam::333333333333:root"}, Action: "*"}
        """;

    Breach breach = single(check(template));

    assertEquals(Kind.REFUSAL, breach.kind());
    assertEquals("Novel", breach.where().resourceName());
    assertTrue(breach.reason().contains("carries a Principal in AccessPolicy"), breach::toString);
  }

  @Test
  void aPolicyThatOnlyFiltersIsNoUnmodelledPrincipal() {
    String template = """
        Resources:
          Topic:
            Type: AWS::SNS::Topic
            Properties:
              DataProtectionPolicy:
                Name: mask
                Version: "2021-06-01"
                Statement:
                  - {Sid: deny, DataDirection: Inbound, Principal: ["*"], DataIdentifier: [arn:aws:dataprotection::aws:data-identifier/EmailAddress], Operation: {Deny: {}}}
          Endpoint:
            Type: AWS::EC2::VPCEndpoint
            Properties:
              VpcId: vpc-1
              ServiceName: com.amazonaws.eu-west-1.s3
              PolicyDocument:
                Statement: [{Effect: Allow, Principal: "*", Action: "s3:*", Resource: "*"}]
        """;

    assertEquals(List.of(), check(template));
  }

  @Test
  void checksBucketAcls() {
    String template = """
        Resources:
          Public:
            Type: AWS::S3::Bucket
            Properties: {AccessControl: PublicRead}
          Logs:
            Type: AWS::S3::Bucket
            Properties: {AccessControl: LogDeliveryWrite}
        """;

    Breach breach = single(check(template));

    assertEquals("Public", breach.where().resourceName());
    assertEquals(Kind.BREACH, breach.kind());
    assertTrue(breach.reason().contains("AccessControl PublicRead"), breach::toString);
  }

  @Test
  void refusesDuplicateKeysInAJsonTemplateAndReadsTabs() {
    String duplicate = """
        {"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {
          "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:root"},
                         "Principal": {"AWS": "arn:aws:iam::333333333333:root"}, "Action": "sts:AssumeRole"}]}}}}}
        """;
    String tabbed = "{\n\t\"Resources\": {\n\t\t\"Q\": {\"Type\": \"AWS::SQS::Queue\"}\n\t}\n}\n";

    assertTrue(single(check(duplicate)).reason().startsWith("cannot be read"));
    assertEquals(List.of(), check(tabbed));
  }

  @Test
  void anUnresolvableExtraConditionOnlyNarrowsAnAllowLimitedToThisAccount() {
    String template = Templates.bucketPolicy("""
                    Condition:
                      StringEquals:
                        aws:PrincipalAccount: !Ref AWS::AccountId
                        aws:SourceVpce: !ImportValue shared-Endpoint
        """);

    assertEquals(List.of(), check(template));
  }
}
