package io.tenantctl.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateReaderTest {

  @Test
  void shortFormTagsBecomeTheirLongForm() throws Exception {
    Map<String, Object> t = TemplateReader.read("""
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              RoleName: !Sub "tenant-${Name}"
              Arn: !GetAtt Key.Arn
              Ref: !Ref Name
        """);
    Map<?, ?> properties = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) t.get("Resources")).get("Role")).get("Properties");
    assertEquals(Map.of("Fn::Sub", "tenant-${Name}"), properties.get("RoleName"));
    assertEquals(Map.of("Fn::GetAtt", List.of("Key", "Arn")), properties.get("Arn"));
    assertEquals(Map.of("Ref", "Name"), properties.get("Ref"));
  }

  @Test
  void yamlScalarsStayText() throws Exception {
    Map<String, Object> t = TemplateReader.read("Account: 012345678901\nFlag: true\n");
    assertEquals("012345678901", t.get("Account"));
    assertEquals("true", t.get("Flag"));
  }

  @Test
  void jsonIsReadAsJsonSoATabInItsIndentationIsFine() throws Exception {
    Map<String, Object> t = TemplateReader.read("{\n\t\"Resources\": {\n\t\t\"Q\": {\"Type\": \"AWS::SQS::Queue\"}\n\t}\n}\n");
    assertEquals(Map.of("Q", Map.of("Type", "AWS::SQS::Queue")), t.get("Resources"));
  }

  @Test
  void aDuplicateYamlKeyIsRefused() {
    var e = assertThrows(TemplateReader.InvalidTemplate.class,
        () -> TemplateReader.read("Resources: {}\nResources: {}\n"));
    assertTrue(e.getMessage().contains("Resources"), e.getMessage());
  }

  @Test
  void aTemplateMustBeAMapping() {
    assertThrows(TemplateReader.InvalidTemplate.class, () -> TemplateReader.read("- a\n- b\n"));
    assertThrows(TemplateReader.InvalidTemplate.class, () -> TemplateReader.read(""));
  }

  @Test
  void aTemplateReadAgainIsTheSameReadOnlyTreeAndAnInvalidOneFailsEachTime() throws Exception {
    String body = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {Tags: [{Key: a, Value: b}]}\n";
    Map<String, Object> first = TemplateReader.read(body);
    org.junit.jupiter.api.Assertions.assertSame(first, TemplateReader.read(new String(body)), "read once per text");
    org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, () -> first.put("X", 1));
    @SuppressWarnings("unchecked")
    var q = (Map<String, Object>) ((Map<String, Object>) first.get("Resources")).get("Q");
    @SuppressWarnings("unchecked")
    var tags = (java.util.List<Object>) ((Map<String, Object>) q.get("Properties")).get("Tags");
    org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, () -> tags.add("x"),
        "a shared tree is read-only all the way down");
    for (int i = 0; i < 2; i++) {
      org.junit.jupiter.api.Assertions.assertThrows(TemplateReader.InvalidTemplate.class,
          () -> TemplateReader.read("Resources: [unclosed"));
    }
  }
}
