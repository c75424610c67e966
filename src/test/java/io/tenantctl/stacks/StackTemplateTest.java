package io.tenantctl.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.core.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackTemplateTest {

  @TempDir Path dir;

  @Test
  void readsDeclaredParametersAndResourceTypesFromYamlWithShortFormTags() throws Exception {
    StackTemplate t = StackTemplate.read(write("app.yaml", """
        Parameters:
          AppVersion: {Type: String, Default: 1.0}
          Replicas: {Type: Number, Default: 3}
          DbPassword: {Type: String, NoEcho: true}
          Name: {Type: String}
        Resources:
          Queue:
            Type: AWS::SQS::Queue
            Properties: {QueueName: !Sub "${Name}-work"}
          Arn:
            Type: AWS::SSM::Parameter
            Properties: {Value: !GetAtt Queue.Arn, Type: String}
        """));
    assertEquals(Optional.of("1.0"), t.parameters().get("AppVersion").defaultValue());
    assertEquals(Optional.of("3"), t.parameters().get("Replicas").defaultValue());
    assertEquals(Optional.empty(), t.parameters().get("Name").defaultValue());
    assertEquals(Set.of("DbPassword"), t.secretParameters());
    assertEquals(Map.of("Queue", "AWS::SQS::Queue", "Arn", "AWS::SSM::Parameter"), t.resources());
  }

  @Test
  void aJsonTemplateIndentedWithTabsIsRead() throws Exception {
    StackTemplate t = StackTemplate.read(write("app.json", "{\n\t\"Parameters\": {\n\t\t\"Replicas\": "
        + "{\"Type\": \"Number\", \"Default\": 3, \"NoEcho\": true}\n\t},\n\t\"Resources\": {\n\t\t\"Q\": "
        + "{\"Type\": \"AWS::SQS::Queue\"}\n\t}\n}\n"));
    assertEquals(Optional.of("3"), t.parameters().get("Replicas").defaultValue());
    assertEquals(Set.of("Replicas"), t.secretParameters());
    assertEquals(Map.of("Q", "AWS::SQS::Queue"), t.resources());
  }

  @Test
  void anUnreadableTemplateIsInvalidInputNamingTheFile() throws Exception {
    Path file = write("broken.yaml", "Resources: [unclosed\n");
    Fault e = assertThrows(Fault.class, () -> StackTemplate.read(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }
}
