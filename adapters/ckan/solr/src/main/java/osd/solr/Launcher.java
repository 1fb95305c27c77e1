package osd.solr;

import java.nio.file.Path;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * A real Solr server on Jetty: {@code Launcher SOLR_HOME PORT}. SOLR_HOME holds solr.xml and
 * one folder per core (core.properties, conf/schema.xml, conf/solrconfig.xml). It serves until
 * the process is stopped.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        JettySolrRunner solr = new JettySolrRunner(home.toString(), JettyConfig.builder().setPort(port).setContext("/solr").build());
        solr.start();
        System.out.println("solr ready on port " + solr.getLocalPort());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                solr.stop();
            } catch (Exception e) {
                // stopping anyway
            }
        }));
        Thread.currentThread().join();
    }
}
