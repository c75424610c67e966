package io.tenantctl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantctl.testing.Cli;
import io.tenantctl.testing.EmulatorTest;
import io.tenantctl.testing.RawAws;
import io.tenantctl.testing.WireTap;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy and diff of one tenant against moto, counting what goes over the wire. */
@EmulatorTest
class DeployEmulatorTest {
  @TempDir Path repo;
  Cli cli;
  String acme;

  @BeforeEach
  void onboardAcme(URI aws) throws Exception {
    cli = Cli.onSamples(repo);
    assertEquals(0, cli.run(aws, "bootstrap", "--create-organization").exitCode());
    assertEquals(0, cli.run(aws, "create", "acme", "--yes").exitCode());
    try (var raw = new RawAws(aws)) {
      acme = raw.accountsWithEmail("aws+acme@example.com").get(0).id();
    }
  }

  @Test
  void deployCreatesTheMissingStacksAndARedeployWritesNothingAndReadsOncePerStack(URI aws) throws Exception {
    var first = cli.run(aws, "deploy", "acme");
    assertEquals(0, first.exitCode(), first::toString);
    assertTrue(first.out().contains("tenantctl-acme-baseline up to date"), first::toString);
    assertTrue(first.out().contains("tenantctl-acme-app created"), first::toString);
    // moto emits stack-level events only; per-resource events are shown in the simulated-cloud tests
    assertTrue(first.err().matches("(?s).*acme +tenantctl-acme-app AWS::CloudFormation::Stack CREATE_COMPLETE.*"),
        "stack events are streamed to the operator: " + first.err());

    WireTap tap = new WireTap();
    var again = cli.tapped(tap).run(aws, "deploy", "acme");
    assertEquals(0, again.exitCode(), again::toString);
    assertEquals(List.of(), tap.writes(), "no write call: " + tap.calls());
    long stackReads = tap.calls().stream().filter(c -> c.startsWith("Describe") && c.contains("Stack")
        || c.contains("ChangeSet") || c.equals("GetTemplate")).count();
    assertEquals(2, stackReads, "one read for each of the 2 stacks: " + tap.calls());
  }

  @Test
  void aChangedParameterUpdatesTheStackThroughAChangeSet(URI aws) throws Exception {
    assertEquals(0, cli.run(aws, "deploy", "acme").exitCode());
    Path manifest = repo.resolve("tenants/acme.yaml");
    Files.writeString(manifest, Files.readString(manifest).replace("AppVersion: \"1.0.0\"", "AppVersion: \"1.1.0\""));
    WireTap tap = new WireTap();
    var r = cli.tapped(tap).run(aws, "deploy", "acme", "--stack", "app");
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().contains("tenantctl-acme-app updated"), r::toString);
    assertTrue(tap.calls().contains("CreateChangeSet") && tap.calls().contains("ExecuteChangeSet"), tap.calls()::toString);
    try (var raw = new RawAws(aws)) {
      var stack = raw.cfn(acme).describeStacks(s -> s.stackName("tenantctl-acme-app")).stacks().get(0);
      assertEquals("UPDATE_COMPLETE", stack.stackStatusAsString());
      assertEquals("1.1.0", stack.parameters().stream().filter(p -> p.parameterKey().equals("AppVersion")).findFirst()
          .orElseThrow().parameterValue());
    }
  }

  @Test
  void theDeployedTemplateAndParametersAreReadBackThroughThePort(URI aws) throws Exception {
    assertEquals(0, cli.run(aws, "deploy", "acme", "--stack", "app").exitCode());
    String template = Files.readString(repo.resolve("templates/app.yaml"));
    try (var cloud = new io.tenantctl.cloud.aws.AwsCloud(io.tenantctl.cloud.aws.AwsSettings.of("us-east-1",
        java.util.Optional.empty(), java.util.Optional.of(aws)))) {
      var stacks = cloud.account(acme, new io.tenantctl.cloud.Cloud.DeployRoleRef("OrganizationAccountAccessRole",
          java.util.Optional.empty())).stacks("us-east-1");
      var deployed = stacks.template("tenantctl-acme-app").orElseThrow();
      assertEquals(template, deployed.body());
      assertEquals("1.0.0", deployed.parameters().get("AppVersion"));
      assertEquals("acme", deployed.parameters().get("TenantName"));
      assertEquals(java.util.Optional.empty(), stacks.template("tenantctl-acme-nothing"));
      assertEquals(io.tenantctl.cloud.Stacks.StackStatus.CREATE_COMPLETE, deployed.status());
      // a change set made for a new stack and never executed: the stack waits, with nothing deployed
      try (var raw = new RawAws(aws)) {
        raw.cfn(acme).createChangeSet(c -> c.stackName("tenantctl-acme-review").changeSetName("never")
            .changeSetType("CREATE").templateBody(template).parameters(
                software.amazon.awssdk.services.cloudformation.model.Parameter.builder().parameterKey("TenantName")
                    .parameterValue("acme").build(),
                software.amazon.awssdk.services.cloudformation.model.Parameter.builder().parameterKey("AppVersion")
                    .parameterValue("1.0.0").build()));
      }
      var review = stacks.template("tenantctl-acme-review").orElseThrow();
      assertEquals(io.tenantctl.cloud.Stacks.StackStatus.REVIEW_IN_PROGRESS, review.status());
      assertEquals("", review.body(), "no template is deployed");
      assertTrue(review.status().leftEmpty());
      assertEquals(java.util.Optional.empty(), stacks.changeSet("tenantctl-acme-app", "tenantctl-none"),
          "a change set that is not there reads as none");
    }
  }

  @Test
  void diffShowsAnAddedResourceAndChangesNothing(URI aws) throws Exception {
    assertEquals(0, cli.run(aws, "deploy", "acme").exitCode());
    Path template = repo.resolve("templates/app.yaml");
    Files.writeString(template, Files.readString(template).replace("  DeployedVersion:",
        "  Notifications:\n    Type: AWS::SNS::Topic\n\n  DeployedVersion:"));
    WireTap tap = new WireTap();
    var r = cli.tapped(tap).run(aws, "diff", "acme", "--stack", "app", "--output", "json");
    assertEquals(0, r.exitCode(), r::toString);
    var json = new ObjectMapper().readTree(r.out());
    var change = json.get(0).get("changes").get(0);
    assertEquals("ADD", change.get("action").asText(), r::toString);
    assertEquals("Notifications", change.get("logicalId").asText());
    assertEquals("NEVER", change.get("replacement").asText(), r::toString);
    assertTrue(tap.writes().stream().allMatch(c -> c.equals("CreateChangeSet") || c.equals("DeleteChangeSet")),
        "diff only makes and deletes its change set: " + tap.writes());
    try (var raw = new RawAws(aws)) {
      var cfn = raw.cfn(acme);
      assertEquals("CREATE_COMPLETE", cfn.describeStacks(s -> s.stackName("tenantctl-acme-app")).stacks().get(0)
          .stackStatusAsString());
      assertEquals(0, cfn.listChangeSets(s -> s.stackName("tenantctl-acme-app")).summaries().size(),
          "the change set is gone");
    }
  }

  @Test
  void diffOfANewStackListsTheTemplatesResourcesWithoutWriting(URI aws) {
    WireTap tap = new WireTap();
    var r = cli.tapped(tap).run(aws, "diff", "acme", "--stack", "app");
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().contains("tenantctl-acme-app (new stack):"), r::toString);
    assertTrue(r.out().contains("+ WorkQueue (AWS::SQS::Queue)"), r::toString);
    assertEquals(List.of(), tap.writes());
  }

  @Test
  void anUnknownStackIsAUsageErrorBeforeAnyAwsCall(URI aws) {
    Cli offline = Cli.in(repo).forbidCloud();
    for (String command : new String[] {"deploy", "diff"}) {
      var r = offline.run(aws, command, "acme", "--stack", "database");
      assertEquals(2, r.exitCode(), r::toString);
      assertTrue(r.err().contains("no stack named database"), r::toString);
    }
    assertEquals(0, offline.cloudsRequested(), "no AWS client is even built");
  }

  @Test
  void deployOfATenantWithoutAnAccountSaysToCreateItFirst(URI aws) {
    var r = cli.run(aws, "deploy", "globex");
    assertEquals(1, r.exitCode(), r::toString);
    // the fix repeats the options of the run, so it can be pasted as it is
    assertTrue(r.err().contains("--endpoint-url " + aws + " create globex`"), r::toString);
  }

  @Test
  void aResourceConflictFailsDeployWithExitOneNamingIt(URI aws) throws Exception {
    try (var raw = new RawAws(aws)) {
      raw.s3(RawAws.MANAGEMENT).createBucket(b -> b.bucket("tenantctl-acme-reports"));
    }
    Path template = repo.resolve("templates/app.yaml");
    Files.writeString(template, Files.readString(template).replace("  DeployedVersion:",
        "  Reports:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: tenantctl-acme-reports\n\n"
            + "  DeployedVersion:"));
    var r = cli.run(aws, "deploy", "acme", "--stack", "app");
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.err().contains("tenantctl-acme-app"), r::toString);
    assertTrue(r.err().contains("BucketAlreadyExists"), "AWS's reason is named: " + r);
  }

  @Test
  void aStackDeployedByHandWithTheSameTemplateIsUpToDate(URI aws) throws Exception {
    // no fingerprint tag, so tenantctl asks CloudFormation, which answers "No updates are to be performed."
    String template = Files.readString(repo.resolve("templates/app.yaml"));
    try (var raw = new RawAws(aws)) {
      raw.cfn(acme).createStack(s -> s.stackName("tenantctl-acme-app")
          .templateBody(template)
          .parameters(p -> p.parameterKey("TenantName").parameterValue("acme"),
              p -> p.parameterKey("AppVersion").parameterValue("1.0.0")));
    }
    WireTap tap = new WireTap();
    var r = cli.tapped(tap).run(aws, "deploy", "acme", "--stack", "app");
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().contains("tenantctl-acme-app up to date"), r::toString);
    assertTrue(tap.calls().contains("CreateChangeSet"), tap.calls()::toString);
    assertTrue(!tap.calls().contains("ExecuteChangeSet"), tap.calls()::toString);
  }

  @Test
  void aTemplateThatWouldTrustProductionIsRefusedByDeployAndDiffWithoutAWrite(URI aws) throws Exception {
    Cli.write(repo.resolve("templates/app.yaml"), """
        Parameters:
          TenantName: {Type: String}
          AppVersion: {Type: String}
          ProductionAccount: {Type: String, Default: "%s"}
        Resources:
          BackDoor:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal: {AWS: !Sub "arn:aws:iam::${ProductionAccount}:root"}
                    Action: sts:AssumeRole
        """.formatted(production(aws)));
    for (String command : new String[] {"deploy", "diff"}) {
      WireTap tap = new WireTap();
      var r = cli.tapped(tap).run(aws, command, "acme", "--stack", "app");
      assertEquals(3, r.exitCode(), command + ": " + r);
      assertTrue(r.err().contains("BackDoor") && r.err().contains(production(aws)), r::toString);
      assertTrue(tap.calls().stream().noneMatch(c -> c.contains("Stack") || c.contains("ChangeSet")),
          command + " touched CloudFormation: " + tap.calls());
    }
  }

  @Test
  void diffShowsAnExceptionOnRecordAndARefusalSaysWhichRuleAndHowToFixIt(URI aws) throws Exception {
    String website = """
        Parameters:
          TenantName: {Type: String}
          AppVersion: {Type: String}
        Resources:
          Site: {Type: AWS::S3::Bucket}
          SitePolicy:
            Type: AWS::S3::BucketPolicy
            Metadata:
              tenantctl:
                exceptions: [{principal: "%s", reason: the public website}]
            Properties:
              Bucket: !Ref Site
              PolicyDocument:
                Statement: [{Effect: Allow, Principal: {AWS: "%s"}, Action: s3:GetObject, Resource: "*"}]
        """;
    Cli.write(repo.resolve("templates/app.yaml"), website.formatted("*", "*"));

    var accepted = cli.run(aws, "diff", "acme", "--stack", "app");

    assertEquals(0, accepted.exitCode(), accepted::toString);
    assertTrue(accepted.out().contains("! exception to the one-way rule on record: SitePolicy, principal *:"
        + " the public website"), accepted::toString);

    String root = "arn:aws:iam::" + production(aws) + ":root";
    Cli.write(repo.resolve("templates/app.yaml"), website.formatted(root, root));

    var refused = cli.run(aws, "diff", "acme", "--stack", "app");

    assertEquals(3, refused.exitCode(), refused::toString);
    assertTrue(refused.err().contains("the exception on record cannot accept this"), refused::toString);
    assertTrue(refused.err().contains("rule: production never reaches into a tenant and no tenant reaches another;"
        + " fix: "), refused::toString);
  }

  private static String production(URI aws) throws Exception {
    try (var raw = new RawAws(aws)) {
      return raw.accountsWithEmail("aws+production@example.com").get(0).id();
    }
  }
}
