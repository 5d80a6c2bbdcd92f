import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoThreadFactory;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import de.bwaldvogel.mongo.wire.MongoExceptionHandler;
import de.bwaldvogel.mongo.wire.MongoWireMessageEncoder;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.MongoWireReplyEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Parley's embedded database: mongo-java-server with its H2 (MVStore) file backend, served on a
 * Unix domain socket only (never TCP).
 *
 * <p>mongo-java-server does not implement authentication, so access is limited by the file
 * system instead: the socket lives in a directory that only Parley's owner may enter (Parley
 * creates it with mode 0700), and the socket file itself is made owner-only too. Any local user
 * could connect to a loopback TCP port; nobody but the owner can connect to this socket.
 *
 * <p>Usage: {@code java EmbeddedMongoServer <store file> <socket file>}. Prints one JSON line
 * once it listens. Exits, committing the store, when its standard input closes: the Parley
 * process that started it holds the other end, so this server never outlives Parley, even when
 * Parley is killed with SIGKILL.
 *
 * <p>{@code MongoServer.bind} only listens on TCP, so this builds the same Netty pipeline as
 * mongo-java-server 1.47.0's {@code MongoServer} on Netty's NIO Unix-domain channel (Java 16+).
 */
public final class EmbeddedMongoServer {
  private static final String VERSION = "1.47.0";
  // MVStore writes changes in the background; keep the window a crash could lose small.
  private static final int AUTO_COMMIT_DELAY_MS = 100;

  private final H2Backend backend;
  private final EventLoopGroup bossGroup;
  private final EventLoopGroup workerGroup;
  private final ChannelGroup clients;
  private Channel listener;

  private EmbeddedMongoServer(H2Backend backend) {
    this.backend = backend;
    this.bossGroup =
        new MultiThreadIoEventLoopGroup(
            1, new MongoThreadFactory("mongo-server-boss"), NioIoHandler.newFactory());
    this.workerGroup =
        new MultiThreadIoEventLoopGroup(
            0, new MongoThreadFactory("mongo-server-worker"), NioIoHandler.newFactory());
    this.clients = new DefaultChannelGroup("mongodb-channels", workerGroup.next());
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: EmbeddedMongoServer <store file> <socket file>");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    Path socket = Path.of(args[1]).toAbsolutePath();
    Files.createDirectories(file.toAbsolutePath().getParent());
    MVStore store = new MVStore.Builder().fileName(file.toString()).compress().open();
    store.setAutoCommitDelay(AUTO_COMMIT_DELAY_MS);
    STORE = store;
    EmbeddedMongoServer server = new EmbeddedMongoServer(new IdFirstBackend(store));
    try {
      server.bind(socket);
    } catch (RuntimeException | IOException e) {
      server.stop(store);
      throw e;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(store)));

    System.out.println("{\"ready\":true,\"version\":\"" + VERSION + "\"}");
    System.out.flush();

    waitForEndOfInput(System.in);
    System.exit(0); // runs the shutdown hook
  }

  private void bind(Path socket) throws IOException {
    // Parley holds the data directory's lock, so a socket file here is a crashed run's leftover.
    Files.deleteIfExists(socket);
    listener =
        new ServerBootstrap()
            .group(bossGroup, workerGroup)
            .channel(NioServerDomainSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 100)
            .localAddress(UnixDomainSocketAddress.of(socket))
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  public void initChannel(Channel ch) {
                    // The pipeline of mongo-java-server's MongoServer.bind, without TLS.
                    ch.pipeline().addLast(new MongoWireReplyEncoder());
                    ch.pipeline().addLast(new MongoWireMessageEncoder());
                    ch.pipeline().addLast(new MongoWireProtocolHandler());
                    ch.pipeline().addLast(new MongoDatabaseHandler(backend, clients));
                    ch.pipeline().addLast(new MongoExceptionHandler());
                  }
                })
            .bind()
            .syncUninterruptibly()
            .channel();
    // The directory already keeps others out; the socket's own mode says the same.
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
  }

  private static void waitForEndOfInput(InputStream in) throws IOException {
    byte[] buffer = new byte[256];
    while (in.read(buffer) >= 0) {
      // Parley never writes here; the stream only tells us that Parley is still alive.
    }
  }

  private synchronized void stop(MVStore store) {
    if (store.isClosed()) {
      return;
    }
    if (listener != null) {
      listener.close().syncUninterruptibly();
    }
    clients.close().syncUninterruptibly();
    bossGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    workerGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    backend.close();
    store.close();
  }

  /** The one store of this process (the database subclass needs it while H2Database constructs). */
  private static MVStore STORE;

  /**
   * mongo-java-server uses an index only when a query names exactly the index's fields, so a
   * compare-and-set such as {@code {_id: x, version: 3}} read every document of the collection.
   * These subclasses look such a query up by its {@code _id} first and match the rest of it on
   * the (at most one) document found: the same answer, without the scan.
   */
  static final class IdFirstBackend extends H2Backend {
    IdFirstBackend(MVStore store) {
      super(store);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
      return new IdFirstDatabase(databaseName, getMvStore(), getCursorRegistry());
    }
  }

  static final class IdFirstDatabase extends H2Database {
    IdFirstDatabase(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
      super(databaseName, store, cursorRegistry);
    }

    // The map names are H2Database's own (mongo-java-server 1.47.0, pinned in pom.xml).
    @Override
    protected MongoCollection<Object> openOrCreateCollection(
        String collectionName, CollectionOptions options) {
      String fullName = getFullCollectionNamespace(collectionName);
      MVMap<Object, Document> data = STORE.openMap("databases." + fullName);
      MVMap<String, Object> meta = STORE.openMap("meta." + fullName);
      return new IdFirstCollection(this, collectionName, options, data, meta, cursorRegistry);
    }
  }

  static final class IdFirstCollection extends H2Collection {
    IdFirstCollection(
        MongoDatabase database,
        String collectionName,
        CollectionOptions options,
        MVMap<Object, Document> data,
        MVMap<String, Object> meta,
        CursorRegistry cursorRegistry) {
      super(database, collectionName, options, data, meta, cursorRegistry);
    }

    @Override
    protected QueryResult queryDocuments(
        Document query,
        Document orderBy,
        int numberToSkip,
        int limit,
        int batchSize,
        Document fieldSelector) {
      Object id = query.get("_id");
      if (query.size() > 1 && isPlainValue(id)) {
        Document byId = new Document("_id", id);
        for (Index<Object> index : getIndexes()) {
          if (index.canHandle(byId)) {
            return matchDocuments(
                query,
                index.getPositions(byId),
                orderBy,
                numberToSkip,
                limit,
                batchSize,
                fieldSelector);
          }
        }
      }
      return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /**
     * Every document a query or findAndModify hands out is a copy taken under the collection's
     * lock. mongo-java-server returns the stored instances themselves and updates them in place,
     * so a reply still being encoded after the lock was released could show a later write: two
     * concurrent {@code $inc} by findAndModify both returned the second value (32 of 2,000 on
     * two connections). Updates now change the copy and store it, leaving handed-out documents
     * as they were.
     */
    @Override
    protected QueryResult createQueryResult(List<Document> matchedDocuments, int batchSize) {
      List<Document> copies = new ArrayList<>(matchedDocuments.size());
      for (Document document : matchedDocuments) {
        copies.add(document.cloneDeeply());
      }
      return super.createQueryResult(copies, batchSize);
    }

    /** A value the `_id` index looks up as is (not an operator, list, pattern or sub-document). */
    private static boolean isPlainValue(Object id) {
      return id != null
          && !(id instanceof Document)
          && !(id instanceof Collection)
          && !BsonRegularExpression.isRegularExpression(id);
    }
  }
}
