package io.tenantctl.isolation;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a policy lives: the account it takes effect in, and the resource it is attached to.
 *
 * @param accountId    the account the resource (or role) is in
 * @param resourceKind a CloudFormation-style type, e.g. {@code AWS::IAM::Role}, {@code AWS::S3::BucketPolicy}
 * @param resourceName the role or resource name or ARN (live), or the logical id (template)
 * @param template     the template file, when the policy comes from one
 */
public record PolicyLocation(
    String accountId, String resourceKind, String resourceName, Optional<Path> template) {

  public static final String ROLE = "AWS::IAM::Role";

  public static PolicyLocation live(String accountId, String resourceKind, String resourceName) {
    return new PolicyLocation(accountId, resourceKind, resourceName, Optional.empty());
  }

  public static PolicyLocation inTemplate(
      Path template, String logicalId, String resourceKind, String accountId) {
    return new PolicyLocation(accountId, resourceKind, logicalId, Optional.of(template));
  }

  /** A role's trust policy decides who may assume the role, so breaches read "trusts". */
  public boolean isRoleTrust() {
    return ROLE.equals(resourceKind);
  }

  @Override
  public String toString() {
    String where = resourceName.isEmpty() ? resourceKind : resourceKind + " " + resourceName;
    return template.map(t -> resourceName.isEmpty() ? t.toString() : t + ": " + where).orElse(where);
  }
}
