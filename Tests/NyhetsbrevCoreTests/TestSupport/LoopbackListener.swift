import Foundation

import Glibc

/// The sockets and threads behind `LoopbackServer`. Its threads hold on to
/// this object, not to the server, so dropping the server stops them (see
/// `LoopbackServer.deinit`). One thread accepts, one serves each connection
/// (`Connection: close`); every loop polls the stop flag.
final class LoopbackListener: @unchecked Sendable {
    typealias Handler = @Sendable (LoopbackRequest) -> LoopbackReply

    enum StartError: Error, CustomStringConvertible {
        case socket(String, Int32)
        var description: String {
            switch self {
            case .socket(let call, let code): "loopback server: \(call) failed: \(String(cString: strerror(code)))"
            }
        }
    }

    let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private let finishedAccepting = DispatchSemaphore(value: 0)
    private var stopped = false
    private var routes: [String: Handler] = [:]
    private var received: [LoopbackRequest] = []
    private var openSockets: Set<Int32> = []
    private var inFlight = 0
    private var peakInFlight = 0

    /// Bounds how long one poll waits, hence how quickly loops see `stop()`.
    static let pollMs: Int32 = 20

    /// Binds socket `fd` to 127.0.0.1:`port` with SO_REUSEADDR; `bind`'s result (errno is set on -1).
    static func bindLoopback(_ fd: Int32, port: UInt16) -> Int32 {
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr = in_addr(s_addr: inet_addr("127.0.0.1"))
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }

    /// `requestedPort` 0 takes an ephemeral port from the kernel.
    init(port requestedPort: UInt16 = 0) throws {
        let fd = socket(AF_INET, Self.streamType, 0)
        guard fd >= 0 else { throw StartError.socket("socket", errno) }
        guard Self.bindLoopback(fd, port: requestedPort) == 0, listen(fd, 256) == 0 else {
            let code = errno
            close(fd)
            throw StartError.socket("bind/listen", code)
        }
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            let code = errno
            close(fd)
            throw StartError.socket("getsockname", code)
        }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "loopback-accept"
        thread.start()
    }

    func route(_ path: String, _ handler: @escaping Handler) {
        lock.withLock { routes[path] = handler }
    }

    var requests: [LoopbackRequest] { lock.withLock { received } }

    var peakConcurrency: Int { lock.withLock { peakInFlight } }

    var isStopped: Bool { lock.withLock { stopped } }

    /// Stops accepting, wakes every connection thread and waits for the accept loop to end.
    func stop() {
        let sockets: Set<Int32>? = lock.withLock {
            guard !stopped else { return nil }
            stopped = true
            return openSockets
        }
        guard let sockets else { return }
        for fd in sockets { shutdown(fd, Int32(SHUT_RDWR)) }
        finishedAccepting.wait()
        close(listener)
    }

    // MARK: Accepting

    private func acceptLoop() {
        defer { finishedAccepting.signal() }
        while !isStopped {
            guard Self.waitReadable(listener) else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            let admitted = lock.withLock {
                guard !stopped else { return false }
                openSockets.insert(client)
                return true
            }
            guard admitted else {
                close(client)
                break
            }
            let thread = Thread { [self] in serve(client) }
            thread.name = "loopback-conn"
            thread.start()
        }
    }

    // MARK: Serving one connection

    private func serve(_ fd: Int32) {
        defer {
            lock.withLock { _ = openSockets.remove(fd) }
            close(fd)
        }
        guard let request = readRequest(fd) else { return }
        let handler = lock.withLock {
            received.append(request)
            inFlight += 1
            peakInFlight = max(peakInFlight, inFlight)
            return routes[request.path]
        }
        let reply = handler?(request) ?? .status(404, body: "no route for \(request.path)")
        // Counted while the handler runs, not while the reply is written: a
        // client that has read the whole reply may start its next request
        // before this thread gets the CPU back, which would count one too many.
        lock.withLock { inFlight -= 1 }
        switch reply {
        case .respond(let response):
            _ = send(fd, response.head + response.body)
        case .resetMidBody(let response, let afterBytes):
            _ = send(fd, response.head + response.body.prefix(afterBytes))
            var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        case .drip(let response, let bytes, let interval):
            guard send(fd, response.head) else { return }
            var offset = response.body.startIndex
            while offset < response.body.endIndex, !isStopped {
                let end = min(offset + max(1, bytes), response.body.endIndex)
                guard send(fd, response.body[offset..<end]) else { return }
                offset = end
                if offset < response.body.endIndex { pause(interval) }
            }
        case .hang:
            waitUntilPeerCloses(fd)
        case .raw(let bytes):
            _ = send(fd, bytes)
        }
    }

    private func readRequest(_ fd: Int32) -> LoopbackRequest? {
        var buffer = [UInt8]()
        let terminator: [UInt8] = Array("\r\n\r\n".utf8)
        let deadline = Date().addingTimeInterval(5)
        var chunk = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline, !isStopped, buffer.count < 65_536 {
            guard Self.waitReadable(fd) else { continue }
            let count = recv(fd, &chunk, chunk.count, 0)
            guard count > 0 else { return nil }
            buffer += chunk[0..<count]
            if let end = buffer.firstRange(of: terminator) {
                return Self.parse(String(decoding: buffer[..<end.lowerBound], as: UTF8.self))
            }
        }
        return nil
    }

    private static func parse(_ head: String) -> LoopbackRequest? {
        let lines = head.components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        guard parts.count == 3 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] =
                line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let target = String(parts[1])
        let path = String(target.split(separator: "?", maxSplits: 1).first ?? "")
        return LoopbackRequest(
            method: String(parts[0]), path: path, target: target, headers: headers, receivedAt: Date())
    }

    private func waitUntilPeerCloses(_ fd: Int32) {
        var scratch = [UInt8](repeating: 0, count: 1024)
        while !isStopped {
            guard Self.waitReadable(fd) else { continue }
            if recv(fd, &scratch, scratch.count, 0) <= 0 { return }
        }
    }

    /// Sleeps in short steps so a stopping server is not held up by a slow drip.
    private func pause(_ seconds: Double) {
        let until = Date().addingTimeInterval(seconds)
        while Date() < until, !isStopped { usleep(useconds_t(Self.pollMs) * 1000) }
    }

    private func send<Bytes: DataProtocol>(_ fd: Int32, _ bytes: Bytes) -> Bool {
        var data = Data(bytes)
        while !data.isEmpty {
            let written = data.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { return false }
            data.removeFirst(written)
        }
        return true
    }

    private static func waitReadable(_ fd: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, pollMs) > 0
    }

    private static let streamType = Int32(SOCK_STREAM.rawValue)
}
