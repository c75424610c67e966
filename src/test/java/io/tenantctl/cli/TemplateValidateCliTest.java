package io.tenantctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate} finds what CloudFormation would reject in a template, and breaches of the one-way rule, offline. */
class TemplateValidateCliTest {
  @TempDir Path dir;

  private Cli samplesWithApp(java.util.function.UnaryOperator<String> edit) throws Exception {
    var cli = Cli.onSamples(dir).forbidCloud();
    Path app = dir.resolve("templates/app.yaml");
    Files.writeString(app, edit.apply(Files.readString(app)));
    return cli;
  }

  @Test
  void theSamplesAreValid() {
    var r = Cli.onSamples(dir).forbidCloud().run("validate");
    assertEquals(0, r.exitCode(), r.toString());
  }

  @Test
  void aBrokenYamlTemplateIsOneProblemWithItsPlaceAndNoAbsolutePath() throws Exception {
    var cli = samplesWithApp(t -> "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n   Bad: [\n");

    for (String command : new String[] {"validate", "status"}) {
      var r = cli.run(command);
      assertEquals(2, r.exitCode(), r.toString());
      assertEquals("templates/app.yaml:4:4: not a valid template: expected <block end>, but found '<block mapping"
          + " start>'\n  fix: fix the YAML or JSON there (a CloudFormation template is a mapping with Resources)\n",
          r.err(), r.toString());
      assertFalse(r.err().contains(dir.toString()), r.toString());
    }
    assertEquals(0, cli.cloudsRequested());
  }

  @Test
  void undeclaredNamesAndUnknownTypesAreNamedWithLineColumnAndFix() throws Exception {
    var cli = samplesWithApp(t -> t.replace("Type: AWS::SQS::Queue", "Type: AWS::SQS::Queu")
        .replace("Value: !Ref AppVersion\n", "Value: !Ref AppVersoin\n")
        .replace("\"tenantctl-${TenantName}-work\"", "\"tenantctl-${TenantNam}-work\"")
        .replace("Outputs:", "  Alarm:\n    Type: AWS::CloudWatch::Alarm\n    DependsOn: WorkQueu\n"
            + "    Properties:\n      AlarmName: !GetAtt [Nothing, Arn]\n\nOutputs:"));

    var r = cli.run("validate");

    assertEquals(2, r.exitCode(), r.toString());
    String err = r.err();
    assertTrue(err.contains("templates/app.yaml:14:11: unknown resource type AWS::SQS::Queu\n"
        + "  fix: did you mean AWS::SQS::Queue? Otherwise use a type AWS publishes"), err);
    assertTrue(err.contains("templates/app.yaml:16:18: ${TenantNam} in Fn::Sub names nothing the template declares\n"
        + "  fix: did you mean TenantName? Otherwise declare it under Parameters or Resources"), err);
    assertTrue(err.contains("templates/app.yaml:24:14: Ref AppVersoin names nothing the template declares\n"
        + "  fix: did you mean AppVersion?"), err);
    assertTrue(err.contains(": DependsOn WorkQueu names nothing the template declares\n"
        + "  fix: did you mean WorkQueue?"), err);
    assertTrue(err.contains(": GetAtt Nothing names nothing the template declares\n  fix: declare it under Resources"),
        err);
    // the Outputs section refers to AppVersion too
    assertEquals(6, err.lines().filter(l -> l.startsWith("templates/app.yaml:")).count(), err);
  }

  /** The sample app template padded with a comment to exactly {@code bytes}. */
  private Cli appOfSize(int bytes) throws Exception {
    return samplesWithApp(t -> {
      String padded = t + "# " + "x".repeat(Math.max(0, bytes - t.length() - 3)) + "\n";
      assertEquals(bytes, padded.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
      return padded;
    });
  }

  @Test
  void aTemplateTooBigToSendInlineIsRefusedBeforeAnyAwsCall() throws Exception {
    assertEquals(0, appOfSize(51_200).run("validate").exitCode(), "at the limit");

    var cli = appOfSize(51_201);
    for (String[] command : new String[][] {{"validate"}, {"deploy", "acme", "--stack", "app", "--yes"},
        {"rollout", "start", "--stack", "app", "--yes"}}) {
      var r = cli.run(command);
      assertEquals(2, r.exitCode(), r.toString());
      assertTrue(r.err().contains("templates/app.yaml:1:1: the template is 51,201 bytes; CloudFormation takes at most"
          + " 51,200 bytes in a request, and tenantctl sends templates in the request (not through S3)\n"
          + "  fix: make it smaller (comments and whitespace count), or split it into two stacks of the fleet file"),
          r.toString());
    }
    assertEquals(0, cli.cloudsRequested());
  }

  @Test
  void customAndThirdPartyTypesAndPseudoParametersPass() throws Exception {
    var cli = samplesWithApp(t -> t.replace("Outputs:", "  Hook:\n    Type: Custom::Hook\n    Properties:\n"
        + "      ServiceToken: !Sub \"arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:x\"\n"
        + "      Queue: !GetAtt WorkQueue.Arn\n      Literal: !Sub \"${!NotAName}\"\n"
        + "      Named: !Sub [\"${Q}\", {Q: !Ref WorkQueue}]\n"
        + "  Partner:\n    Type: Acme::Billing::Meter\n\nOutputs:"));

    var r = cli.run("validate");

    assertEquals(0, r.exitCode(), r.toString());
  }

  @Test
  void aJsonTemplateIsCheckedToo() throws Exception {
    var cli = Cli.onSamples(dir).forbidCloud();
    Path app = dir.resolve("templates/app.yaml");
    Files.writeString(app, "{\n\t\"Parameters\": {\"TenantName\": {\"Type\": \"String\"}, \"AppVersion\": {\"Type\": \"String\"}},\n"
        + "\t\"Resources\": {\n\t\t\"Queue\": {\"Type\": \"AWS::SQS::Queue\", \"Properties\": {\"QueueName\": {\"Ref\": \"Tenant\"}}}\n"
        + "\t}\n}\n");

    var r = cli.run("validate");

    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().startsWith("templates/app.yaml:4:76: Ref Tenant names nothing the template declares"), r.err());
  }

  @Test
  void aBreachOfTheOneWayRuleFailsValidateWithoutAws() throws Exception {
    var cli = samplesWithApp(t -> t.replace("Outputs:", "  Peek:\n    Type: AWS::IAM::Role\n    Properties:\n"
        + "      AssumeRolePolicyDocument:\n        Version: \"2012-10-17\"\n        Statement:\n"
        + "          - Effect: Allow\n            Principal: {AWS: \"*\"}\n            Action: sts:AssumeRole\n\nOutputs:"));

    var r = cli.run("validate");

    assertEquals(3, r.exitCode(), r.toString());
    assertTrue(r.err().contains("error: the templates break the one-way rule (judged with stand-in account ids"), r.err());
    assertTrue(r.err().contains("templates/app.yaml: AWS::IAM::Role Peek, statement #1, principal {\"AWS\":\"*\"}:"
        + " trusts any principal (for tenant acme, tenant globex, tenant initech)"), r.err());
    assertEquals(1, r.err().lines().filter(l -> l.contains("Peek")).count(), "once, not once per tenant: " + r.err());
    assertEquals(0, cli.cloudsRequested());
  }
}
