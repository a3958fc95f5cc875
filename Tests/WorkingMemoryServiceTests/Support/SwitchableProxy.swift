import NIOCore
import NIOPosix
import Synchronization

/// A TCP forwarder from a loopback port to the test database, which a test can stop and start: the
/// database as the service sees it goes away (every open connection is cut, new ones are refused) and
/// comes back on the same address.
final class SwitchableProxy: Sendable {
    /// The loopback port the service connects to.
    let port: Int
    private let targetHost: String
    private let targetPort: Int
    private let channels = Mutex<(server: (any Channel)?, connections: [any Channel])>((nil, []))

    /// Reserves a free port (nothing listens on it until `start()`).
    init(forwardingTo host: String, port targetPort: Int) async throws {
        let probe = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0).get()
        port = probe.localAddress?.port ?? 0
        try await probe.close()
        targetHost = host
        self.targetPort = targetPort
    }

    /// Starts accepting connections and forwarding them.
    func start() async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { [self] inbound in
                ClientBootstrap(group: inbound.eventLoop)
                    .connect(host: targetHost, port: targetPort)
                    .flatMapThrowing { outbound in
                        // Both channels are on inbound's event loop, where this runs.
                        try inbound.pipeline.syncOperations.addHandler(Forwarder(peer: outbound))
                        try outbound.pipeline.syncOperations.addHandler(Forwarder(peer: inbound))
                        self.channels.withLock { $0.connections += [inbound, outbound] }
                    }
            }
            .bind(host: "127.0.0.1", port: port).get()
        channels.withLock { $0.server = server }
    }

    /// Stops listening and cuts every forwarded connection.
    func stop() async {
        let (server, connections) = channels.withLock { state in
            defer { state = (nil, []) }
            return state
        }
        try? await server?.close()
        for connection in connections { try? await connection.close() }
    }
}

/// Writes what one side reads to the other, and closes the other when this side closes.
private final class Forwarder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    private let peer: any Channel

    init(peer: any Channel) { self.peer = peer }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        peer.writeAndFlush(unwrapInboundIn(data), promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        peer.close(promise: nil)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
