package io.tenantctl.isolation.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import org.junit.jupiter.api.Test;

class ProductionGuardrailTest {
  @Test
  void thePolicyDeniesEveryPrincipalOfProductionTheGuardedServices() {
    IamPolicy policy = IamPolicy.fromJson(ProductionGuardrail.content("210987654321"));
    assertEquals(1, policy.statements().size());
    var statement = policy.statements().get(0);
    assertEquals(IamEffect.DENY, statement.effect());
    assertEquals(List.of("sts:*", "s3:*", "kms:*", "sqs:*", "secretsmanager:*"),
        statement.actions().stream().map(a -> a.value()).toList());
    var condition = statement.conditions().get(0);
    assertEquals("StringEquals", condition.operator().value());
    assertEquals("aws:PrincipalAccount", condition.key().value());
    assertEquals("210987654321", condition.value());
  }
}
