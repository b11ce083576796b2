/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bench;

import apipb.Attribute.IPAddressPrefix;
import apipb.Attribute.NextHopAttribute;
import apipb.Attribute.OriginAttribute;
import apipb.Gobgp.AddPathRequest;
import apipb.Gobgp.AddPathStreamRequest;
import apipb.Gobgp.DeletePathRequest;
import apipb.Gobgp.Family;
import apipb.Gobgp.Path;
import apipb.Gobgp.TableType;
import apipb.GobgpApiGrpc;
import com.google.protobuf.Any;
import com.google.protobuf.Empty;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * GoBGP ({@code gobgpd} from Debian) as the reference announcer: runs in the root namespace with ODL's address
 * (198.18.0.2, AS 64512) while Karaf is stopped, so the bed's FRR sees the very same neighbor, and gets the
 * benchmark's paths over its gRPC API ({@code AddPathStream}, batches of {@value #BATCH}), one path identifier per
 * next hop so ADD-PATH carries them all. Not thread-safe.
 */
final class GoBgp implements AutoCloseable {
    private static final int BATCH = 1000;
    private static final int API_PORT = 50099;
    private static final Family IPV4 = Family.newBuilder().setAfi(Family.Afi.AFI_IP)
        .setSafi(Family.Safi.SAFI_UNICAST).build();

    private final Process process;
    private final ManagedChannel channel;

    private GoBgp(final Process process) {
        this.process = process;
        // gobgpd is a child process: do not leave it behind (peering as 198.18.0.2) when the run is interrupted
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "gobgpd-killer"));
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", API_PORT).usePlaintext()
            .maxInboundMessageSize(64 << 20).build();
    }

    /**
     * Starts gobgpd with a neighbor toward the bed's fabric router.
     *
     * @param workDir where its config and log go
     * @return the running daemon (its session may still be coming up)
     */
    static GoBgp start(final java.nio.file.Path workDir) {
        final String config = """
            [global.config]
              as = 64512
              router-id = "198.18.0.2"
              port = -1
            [[neighbors]]
              [neighbors.config]
                neighbor-address = "198.18.0.1"
                peer-as = 65000
              [neighbors.transport.config]
                local-address = "198.18.0.2"
              [neighbors.timers.config]
                connect-retry = 1
                hold-time = 9
                keepalive-interval = 3
              [[neighbors.afi-safis]]
                [neighbors.afi-safis.config]
                  afi-safi-name = "ipv4-unicast"
                [neighbors.afi-safis.add-paths.config]
                  send-max = 16
            """;
        try {
            Files.createDirectories(workDir);
            final java.nio.file.Path file = workDir.resolve("gobgpd.toml");
            Files.writeString(file, config, StandardCharsets.UTF_8);
            final Process process = new ProcessBuilder("gobgpd", "-f", file.toString(), "-t", "toml", "-l", "warn",
                "-p", "--pprof-disable", "--api-hosts", "127.0.0.1:" + API_PORT)
                .redirectErrorStream(true).redirectOutput(workDir.resolve("gobgpd.log").toFile()).start();
            return new GoBgp(process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start gobgpd", e);
        }
    }

    /**
     * Streams the cluster's paths (the same ones kube-anycast announces) into GoBGP's global RIB and waits for the
     * API's answer.
     *
     * @param cluster the paths
     * @throws ExecutionException when the API fails
     * @throws TimeoutException when it takes over 10 minutes
     * @throws InterruptedException when interrupted
     */
    void inject(final BenchCluster cluster) throws ExecutionException, TimeoutException, InterruptedException {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final StreamObserver<AddPathStreamRequest> stream = GobgpApiGrpc.newStub(channel).addPathStream(
            new StreamObserver<Empty>() {
                @Override
                public void onNext(final Empty value) {
                    // the one answer
                }

                @Override
                public void onError(final Throwable error) {
                    done.completeExceptionally(error);
                }

                @Override
                public void onCompleted() {
                    done.complete(null);
                }
            });
        final List<Path> batch = new ArrayList<>(BATCH);
        final Any origin = Any.pack(OriginAttribute.newBuilder().setOrigin(0).build());
        for (int i = -1; i < cluster.vips(); i++) {
            final String vip = i < 0 ? BenchCluster.TARGET_VIP : BenchCluster.vip(i);
            final List<String> hops = i < 0 ? BenchCluster.targetNextHops() : cluster.nextHops(i);
            final Any nlri = Any.pack(IPAddressPrefix.newBuilder().setPrefixLen(32).setPrefix(vip).build());
            for (int h = 0; h < hops.size(); h++) {
                batch.add(Path.newBuilder().setFamily(IPV4).setNlri(nlri).addPattrs(origin)
                    .addPattrs(Any.pack(NextHopAttribute.newBuilder().setNextHop(hops.get(h)).build()))
                    .setIdentifier(h + 1).build());
                if (batch.size() == BATCH) {
                    stream.onNext(AddPathStreamRequest.newBuilder().setTableType(TableType.GLOBAL)
                        .addAllPaths(batch).build());
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            stream.onNext(AddPathStreamRequest.newBuilder().setTableType(TableType.GLOBAL).addAllPaths(batch)
                .build());
        }
        stream.onCompleted();
        done.get(10, TimeUnit.MINUTES);
    }

    /**
     * Adds or withdraws one path with a unary AddPath/DeletePath call (the P1 floor: what the bed itself costs).
     *
     * @param vip the /32
     * @param nextHop its next hop
     * @param add true to add, false to delete
     */
    void single(final String vip, final String nextHop, final boolean add) {
        final Path path = Path.newBuilder().setFamily(IPV4)
            .setNlri(Any.pack(IPAddressPrefix.newBuilder().setPrefixLen(32).setPrefix(vip).build()))
            .addPattrs(Any.pack(OriginAttribute.newBuilder().setOrigin(0).build()))
            .addPattrs(Any.pack(NextHopAttribute.newBuilder().setNextHop(nextHop).build()))
            .setIdentifier(1).build();
        final GobgpApiGrpc.GobgpApiBlockingStub stub = GobgpApiGrpc.newBlockingStub(channel)
            .withDeadlineAfter(30, TimeUnit.SECONDS);
        if (add) {
            stub.addPath(AddPathRequest.newBuilder().setTableType(TableType.GLOBAL).setPath(path).build());
        } else {
            stub.deletePath(DeletePathRequest.newBuilder().setTableType(TableType.GLOBAL).setFamily(IPV4)
                .setPath(path).build());
        }
    }

    /** Deletes every locally injected IPv4 path (DeletePath without a path). */
    void deleteAll() {
        GobgpApiGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.MINUTES).deletePath(
            DeletePathRequest.newBuilder().setTableType(TableType.GLOBAL).setFamily(IPV4).build());
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        channel.shutdownNow();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
