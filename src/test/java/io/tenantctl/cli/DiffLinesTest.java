package io.tenantctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tenantctl.cloud.Stacks.ResourceChange;
import io.tenantctl.stacks.StackDeployer.Preview;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiffLinesTest {
  @Test
  void eachChangeGetsItsMarkAndReplacementsAreShoutedOut() {
    var preview = new Preview("tenantctl-acme-app", false, false, List.of(
        new ResourceChange("Add", "Topic", "AWS::SNS::Topic", "False"),
        new ResourceChange("Modify", "WorkQueue", "AWS::SQS::Queue", "True"),
        new ResourceChange("Modify", "Version", "AWS::SSM::Parameter", "Conditional"),
        new ResourceChange("Modify", "Role", "AWS::IAM::Role", "False"),
        new ResourceChange("Remove", "Old", "AWS::S3::Bucket", "False")));

    assertEquals(List.of(
        "tenantctl-acme-app:",
        "  + Topic (AWS::SNS::Topic)",
        "  ~ WorkQueue (AWS::SQS::Queue)   <-- REPLACEMENT: the resource is deleted and recreated",
        "  ~ Version (AWS::SSM::Parameter)   <-- may be REPLACED",
        "  ~ Role (AWS::IAM::Role)",
        "  - Old (AWS::S3::Bucket)"), DiffCommand.lines(preview));
  }

  @Test
  void anUpToDateStackSaysSo() {
    assertEquals(List.of("tenantctl-acme-app: no changes"),
        DiffCommand.lines(new Preview("tenantctl-acme-app", false, true, List.of())));
  }
}
