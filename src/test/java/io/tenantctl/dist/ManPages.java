package io.tenantctl.dist;

import io.tenantctl.TenantCtl;
import io.tenantctl.app.Launch;
import io.tenantctl.cloud.Cloud;
import io.tenantctl.cloud.aws.AwsSettings;
import java.io.File;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * The release archive's man pages, in AsciiDoc, from the command tree itself (picocli's man page generator): one
 * page for tenantctl and one per command. {@code mvn -Pdist package} runs it; asciidoctor turns the pages into troff.
 *
 * <p>Usage: {@code ManPages DIR VERSION} (run from classes, the command tree does not know the version the jar will).
 */
public final class ManPages {
  private ManPages() {}

  public static void main(String[] args) throws IOException {
    Function<AwsSettings, Cloud> noCloud = aws -> {
      throw new IllegalStateException("writing man pages makes no AWS call");
    };
    var tree = TenantCtl.commandLine(new Launch(Map.of(), noCloud));
    tree.getCommandSpec().versionProvider(() -> new String[] {"tenantctl " + args[1]});
    int code = ManPageGenerator.generateManPage(new File(args[0]), null, new boolean[0], true, tree.getCommandSpec());
    if (code != 0) {
      throw new IllegalStateException("picocli's man page generator exited " + code);
    }
  }
}
