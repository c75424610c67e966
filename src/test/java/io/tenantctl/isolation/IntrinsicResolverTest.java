package io.tenantctl.isolation;

import static io.tenantctl.isolation.Fixtures.ACME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntrinsicResolverTest {

  private static final String TEMPLATE = """
      Parameters:
        TenantName: {Type: String}
        Peers: {Type: CommaDelimitedList, Default: "444444444444, 555555555555"}
        Shared: {Type: "AWS::SSM::Parameter::Value<String>", Default: /prod/account}
      Mappings:
        Accounts:
          production: {Id: "222222222222"}
      Conditions:
        IsAcme: !Equals [!Ref TenantName, acme]
        NotAcme: !Not [!Condition IsAcme]
      Resources:
        TenantRole:
          Type: AWS::IAM::Role
          Properties:
            RoleName: !Sub "tenantctl-${TenantName}-tenant"
            Path: /tenants/
        WorkQueue:
          Type: AWS::SQS::Queue
          Properties: {QueueName: !Sub "tenantctl-${TenantName}-work"}
        DataBucket:
          Type: AWS::S3::Bucket
      """;

  private final IntrinsicResolver resolver = resolver(Map.of("TenantName", "acme"));

  @Test
  void resolvesPseudoParametersForTheTarget() {
    assertEquals("arn:aws:iam::333333333333:root",
        resolve("!Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root'"));
    assertEquals("eu-west-1/stack/amazonaws.com",
        resolve("!Sub '${AWS::Region}/${AWS::StackName}/${AWS::URLSuffix}'"));
  }

  @Test
  void partitionAndUrlSuffixFollowTheRegion() throws Exception {
    Map<String, String> expected = Map.of(
        "cn-north-1", "aws-cn amazonaws.com.cn",
        "us-gov-west-1", "aws-us-gov amazonaws.com",
        "us-isob-east-1", "aws-iso-b sc2s.sgov.gov",
        "ap-southeast-7", "aws amazonaws.com");
    for (var region : expected.entrySet()) {
      var resolver = new IntrinsicResolver(TemplateReader.read(TEMPLATE), Map.of("TenantName", "acme"),
          new DeployTarget(ACME, region.getKey(), "stack"));
      assertEquals(region.getValue(), resolver.resolve(read("!Sub '${AWS::Partition} ${AWS::URLSuffix}'")));
      assertEquals("arn:" + region.getValue().split(" ")[0] + ":cloudformation:" + region.getKey()
          + ":333333333333:stack/stack/unknown", resolver.resolve(read("!Ref AWS::StackId")));
    }
  }

  @Test
  void resolvesResourcesOfTheTemplateInTheTargetAccount() {
    assertEquals("arn:aws:iam::333333333333:role/tenants/tenantctl-acme-tenant",
        resolve("!GetAtt TenantRole.Arn"));
    assertEquals("arn:aws:sqs:eu-west-1:333333333333:tenantctl-acme-work",
        resolve("!Sub '${WorkQueue.Arn}'"));
    assertEquals("https://sqs.eu-west-1.amazonaws.com/333333333333/tenantctl-acme-work",
        resolve("!Ref WorkQueue"));
    assertEquals("arn:aws:s3:::stack-databucket/*", resolve("!Sub '${DataBucket.Arn}/*'"));
  }

  @Test
  void resolvesListsSelectsSplitsAndMappings() {
    assertEquals("555555555555", resolve("!Select [1, !Ref Peers]"));
    assertEquals("b", resolve("!Select [1, !Split [',', 'a,b,c']]"));
    assertEquals("222222222222", resolve("!FindInMap [Accounts, production, Id]"));
    assertEquals("x-acme", resolve("!Sub ['x-${Name}', {Name: !Ref TenantName}]"));
    assertEquals("${aws:username}/${Literal}", resolve("!Sub '${aws:username}/${!Literal}'"));
  }

  @Test
  void evaluatesConditions() {
    assertEquals("yes", resolve("!If [IsAcme, 'yes', 'no']"));
    assertEquals("no", resolve("!If [NotAcme, 'yes', 'no']"));
    assertEquals(List.of("a"), resolve("['a', !If [NotAcme, 'b', !Ref AWS::NoValue]]"));
    assertEquals(new Unresolved("Fn::If on condition IsAcme"),
        resolver(Map.of()).resolve(read("!If [IsAcme, 'yes', 'no']")));
  }

  @Test
  void marksWhatItCannotResolve() {
    assertEquals(new Unresolved("Fn::ImportValue"), resolve("!Join ['', ['arn:', !ImportValue x]]"));
    assertEquals(new Unresolved("Ref to Shared, an SSM parameter read at deploy time"),
        resolve("!Ref Shared"));
    assertInstanceOf(Unresolved.class, resolve("!GetAZs ''"));
  }

  private Object resolve(String yaml) {
    return resolver.resolve(read(yaml));
  }

  private static Object read(String yaml) {
    try {
      return TemplateReader.read("Value: " + yaml).get("Value");
    } catch (TemplateReader.InvalidTemplate e) {
      throw new AssertionError(e);
    }
  }

  private static IntrinsicResolver resolver(Map<String, String> values) {
    try {
      return new IntrinsicResolver(TemplateReader.read(TEMPLATE), values,
          new DeployTarget(ACME, "eu-west-1", "stack"));
    } catch (TemplateReader.InvalidTemplate e) {
      throw new AssertionError(e);
    }
  }
}
