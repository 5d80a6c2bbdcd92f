import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;

/**
 * Parley's embedded database: mongo-java-server with its H2 (MVStore) file backend, on loopback.
 *
 * <p>Usage: {@code java EmbeddedMongoServer <store file> <port>} (port 0 picks a free one).
 * Prints one JSON line once it listens. Exits, committing the store, when its standard input
 * closes: the Parley process that started it holds the other end, so this server never
 * outlives Parley, even when Parley is killed with SIGKILL.
 */
public final class EmbeddedMongoServer {
  private static final String VERSION = "1.47.0";
  // MVStore writes changes in the background; keep the window a crash could lose small.
  private static final int AUTO_COMMIT_DELAY_MS = 100;

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: EmbeddedMongoServer <store file> <port>");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    Files.createDirectories(file.toAbsolutePath().getParent());
    MVStore store = new MVStore.Builder().fileName(file.toString()).compress().open();
    store.setAutoCommitDelay(AUTO_COMMIT_DELAY_MS);
    H2Backend backend = new H2Backend(store);
    MongoServer server = new MongoServer(backend);
    server.bind("127.0.0.1", Integer.parseInt(args[1]));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, store)));

    InetSocketAddress address = server.getLocalAddress();
    System.out.println(
        "{\"ready\":true,\"uri\":\"mongodb://127.0.0.1:" + address.getPort()
            + "/\",\"version\":\"" + VERSION + "\"}");
    System.out.flush();

    waitForEndOfInput(System.in);
    System.exit(0); // runs the shutdown hook
  }

  private static void waitForEndOfInput(InputStream in) throws IOException {
    byte[] buffer = new byte[256];
    while (in.read(buffer) >= 0) {
      // Parley never writes here; the stream only tells us that Parley is still alive.
    }
  }

  private static synchronized void stop(MongoServer server, MVStore store) {
    if (store.isClosed()) {
      return;
    }
    server.shutdownNow();
    store.close();
  }
}
