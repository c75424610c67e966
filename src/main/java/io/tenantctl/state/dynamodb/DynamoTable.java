package io.tenantctl.state.dynamodb;

import io.tenantctl.core.ExitCode;
import io.tenantctl.core.Fault;
import io.tenantctl.state.StateScope;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The state table and how items are keyed in it: a string partition key {@code pk} and a string sort key
 * {@code sk}. Every partition key starts with the scope ({@code <organization>@<endpoint>#}), so one scope's items
 * are never read for another: an emulator's state for a real organization, or one organization's for another.
 *
 * <ul>
 *   <li>journal entries: {@code pk = <scope>#journal#<name>}, {@code sk} = the sequence number, 19 digits;
 *   <li>a lock: {@code pk = <scope>#lock#<name>}, {@code sk = lock} (each lock its own partition, so a fenced
 *       write's transaction touches two small partitions);
 *   <li>records: {@code pk = <scope>#records}, {@code sk} = the key.
 * </ul>
 */
record DynamoTable(DynamoDbClient client, String name) {
  static final String PK = "pk";
  static final String SK = "sk";
  /** DynamoDB refuses items over 400 KB; what is left for the document once keys and attribute names are counted. */
  static final int MAX_DOCUMENT_BYTES = 390 * 1024;

  static String journalPk(StateScope scope, String journal) {
    return scope.key() + "#journal#" + journal;
  }

  static String lockPk(StateScope scope, String lock) {
    return scope.key() + "#lock#" + lock;
  }

  static String recordsPk(StateScope scope) {
    return scope.key() + "#records";
  }

  static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
  }

  /** Runs a call on the table; a failure of the service or the network is a fault naming the table and the call. */
  <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (ConditionalCheckFailedException | TransactionCanceledException e) {
      throw e;
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? "" : " (" + e.awsErrorDetails().errorCode() + ")";
      String message = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
          ? e.awsErrorDetails().errorMessage() : e.getMessage();
      if (e.awsErrorDetails() != null && "ResourceNotFoundException".equals(e.awsErrorDetails().errorCode())) {
        throw new Fault(ExitCode.FAILED, "DynamoDB " + what + " on table " + name + " failed: the table does not"
            + " exist", "create it: tenantctl state init (or correct state.table in the fleet file)", e);
      }
      throw new Fault(ExitCode.FAILED, "DynamoDB " + what + " on table " + name + " failed: " + message + code,
          "check the credentials' DynamoDB permissions on the table (see the README: Team mode), then run again", e);
    } catch (SdkException e) {
      throw new Fault(ExitCode.FAILED, "DynamoDB " + what + " on table " + name + " failed: " + e.getMessage(),
          "check that DynamoDB can be reached with these credentials and region, then run again", e);
    }
  }

  /** Refuses a document DynamoDB would not store, before anything is written. */
  static void fits(String what, int bytes) {
    if (bytes > MAX_DOCUMENT_BYTES) {
      throw new Fault(ExitCode.FAILED, what + " is " + bytes / 1024 + " KB: a DynamoDB item holds at most 400 KB,"
          + " so the DynamoDB state backend cannot keep it; nothing was written",
          "keep it smaller (CloudFormation templates sent inline are at most 51,200 bytes), or use the file backend");
    }
  }
}
