package io.tenantctl.cli;

import io.tenantctl.cloud.Stacks.Replacement;
import io.tenantctl.cloud.Stacks.ChangeAction;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tenantctl.cloud.Stacks.ResourceChange;
import io.tenantctl.stacks.StackDeployer.ParameterChange;
import io.tenantctl.stacks.StackDeployer.Preview;
import java.util.Optional;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiffLinesTest {
  @Test
  void eachChangeGetsItsMarkAndReplacementsAreShoutedOut() {
    var preview = new Preview("tenantctl-acme-app", false, false, List.of(
        new ResourceChange(ChangeAction.ADD, "Topic", "AWS::SNS::Topic", Replacement.NEVER),
        new ResourceChange(ChangeAction.MODIFY, "WorkQueue", "AWS::SQS::Queue", Replacement.ALWAYS),
        new ResourceChange(ChangeAction.MODIFY, "Version", "AWS::SSM::Parameter", Replacement.CONDITIONAL),
        new ResourceChange(ChangeAction.MODIFY, "Role", "AWS::IAM::Role", Replacement.NEVER),
        new ResourceChange(ChangeAction.REMOVE, "Old", "AWS::S3::Bucket", Replacement.NEVER)));

    assertEquals(List.of(
        "tenantctl-acme-app:",
        "  + Topic (AWS::SNS::Topic)",
        "  ~ WorkQueue (AWS::SQS::Queue)   <-- REPLACEMENT: the resource is deleted and recreated",
        "  ~ Version (AWS::SSM::Parameter)   <-- may be REPLACED",
        "  ~ Role (AWS::IAM::Role)",
        "  - Old (AWS::S3::Bucket)"), DiffCommand.lines(preview));
  }

  @Test
  void aParameterOnlyChangeShowsOldAndNewValuesAndSaysNoResourceChangeWasListed() {
    var preview = new Preview("tenantctl-acme-app", false, false, List.of(), List.of(
        new ParameterChange("AppVersion", Optional.of("1.0.0"), "1.1.0"),
        new ParameterChange("DbPassword", Optional.of("****"), "****"),
        new ParameterChange("Region", Optional.empty(), "eu")));

    assertEquals(List.of(
        "tenantctl-acme-app:",
        "  ~ parameter AppVersion: 1.0.0 \u2192 1.1.0",
        "  ~ parameter DbPassword: **** \u2192 ****",
        "  ~ parameter Region: (not set) \u2192 eu",
        "  (CloudFormation listed no resource changes; the stack is updated all the same)"),
        DiffCommand.lines(preview));
  }

  @Test
  void anUpToDateStackSaysSo() {
    assertEquals(List.of("tenantctl-acme-app: no changes"),
        DiffCommand.lines(new Preview("tenantctl-acme-app", false, true, List.of())));
  }
}
