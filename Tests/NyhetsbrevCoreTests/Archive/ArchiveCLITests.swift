import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The archive subcommands driven through the built binary, and a short run
/// of the crash-safety harness (the full run: Benchmarks/archive/stress.py crash).
@Suite struct ArchiveCLITests {
    let cli = CLITests()

    @Test(arguments: ["list", "search", "show", "export", "stats", "verify", "reindex", "prune"])
    func everySubcommandHasHelpWithAnExample(_ name: String) async throws {
        let help = try await cli.nyhetsbrev(["archive", name, "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.hasPrefix("OVERVIEW: "), "\(name) has an abstract")
        #expect(help.stdout.contains("Example:\n  nyhetsbrev archive \(name)"), "\(name) --help has an example")
    }

    @Test func searchShowVerifyAndExitStatuses() async throws {
        let state = try TemporaryDirectory()
        let fetch = try await cli.nyhetsbrev(["fetch", "--config", "Config/demo.toml", "--state-dir", state.path, "--json"])
        #expect(fetch.status == 0, "\(fetch.stderr)")
        let exported = try await cli.nyhetsbrev(["archive", "export", "--state-dir", state.path, "--format", "jsonl"])
        #expect(!fetch.stdout.isEmpty)
        #expect(
            Set(fetch.stdout.split(separator: "\n")) == Set(exported.stdout.split(separator: "\n")),
            "fetch --json prints every new entry in full, as the export does")
        let search = try await cli.nyhetsbrev(["archive", "search", "--state-dir", state.path, "--json", "BRÖSTCANCER"])
        #expect(search.status == 0)
        let first = try #require(search.stdout.split(separator: "\n").first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        let id = try #require(object["id"] as? String)
        #expect((object["title"] as? String)?.lowercased().contains("bröstcancer") == true
            || (object["summary"] as? String)?.lowercased().contains("bröstcancer") == true)

        let show = try await cli.nyhetsbrev(["archive", "show", "--state-dir", state.path, id])
        #expect(show.status == 0)
        #expect(show.stdout.contains("id:          \(id)"))
        let missing = try await cli.nyhetsbrev(["archive", "show", "--state-dir", state.path, "ffffffffffffffff"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no archived entry with id ffffffffffffffff"))

        let bad = try await cli.nyhetsbrev(["archive", "search", "--state-dir", state.path, "since:2026-13"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("2026-13"))

        #expect(try await cli.nyhetsbrev(["archive", "verify", "--state-dir", state.path]).status == 0)
        let partition = try #require(try FileManager.default.contentsOfDirectory(atPath: state.path + "/archive")
            .first { $0.hasSuffix(".json") && $0.count == 12 })
        let path = state.path + "/archive/" + partition
        try Data("{\"version\":1,\"partition\"".utf8).write(to: URL(fileURLWithPath: path))
        let broken = try await cli.nyhetsbrev(["archive", "verify", "--state-dir", state.path])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains(partition))
        let list = try await cli.nyhetsbrev(["archive", "list", "--state-dir", state.path])
        #expect(list.status == 0, "the rest stays readable")
        #expect(list.stderr.contains(partition), "the skipped partition is named")
    }

    /// Kills `fetch` at random moments while feeds grow; after each kill the
    /// archive verifies and holds every entry a completed fetch printed.
    @Test func killedFetchesNeverCorruptOrLoseCommittedEntries() async throws {
        let dir = try TemporaryDirectory()
        let state = dir.file("state").path
        let feed = dir.file("feed.xml")
        let config = dir.file("c.toml")
        try Data("[[sources]]\nid = \"k\"\ntitle = \"K\"\nurl = \"file://\(feed.path)\"\n".utf8).write(to: config)
        var committed: Set<String> = []
        var generator = SystemRandomNumberGenerator()
        for round in 0..<8 {
            let items = (0..<(40 * (round + 1))).map { n in
                let day = 1 + n % 28, month = 1 + (n / 28) % 12
                return "<item><guid>g\(n)</guid><title>Nyhet \(n)</title><link>https://k.example/\(n)</link>"
                    + "<pubDate>\(String(format: "%02d", day)) \(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month - 1]) 2026 10:00:00 +0000</pubDate></item>"
            }
            try Data("<rss version=\"2.0\"><channel><title>K</title>\(items.joined())</channel></rss>".utf8).write(to: feed)
            let delay = UInt32.random(in: 0...120_000, using: &generator)
            let arguments = ["fetch", "--json", "--config", config.path, "--state-dir", state]
            let (printed, completed) = try await offPool { try Self.runAndMaybeKill(arguments, after: delay) }
            if completed {
                for line in String(decoding: printed, as: UTF8.self).split(separator: "\n") {
                    if let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                        let id = object["id"] as? String
                    { committed.insert(id) }
                }
            }
            let verify = try await cli.nyhetsbrev(["archive", "verify", "--state-dir", state])
            #expect(verify.status == 0, "round \(round): \(verify.stdout)")
            let export = try await cli.nyhetsbrev(["archive", "export", "--format", "jsonl", "--state-dir", state])
            for id in committed { #expect(export.stdout.contains("\"id\":\"\(id)\""), "round \(round): \(id) lost") }
        }
    }

    /// Runs the binary and SIGKILLs it after `delay` microseconds unless it
    /// finished; returns its output and whether it exited 0 by itself.
    static func runAndMaybeKill(_ arguments: [String], after delay: UInt32) throws -> (Data, Bool) {
        let process = Process()
        process.executableURL = CLITests.executable
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(delay)
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        let printed = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (printed, process.terminationReason == .exit && process.terminationStatus == 0)
    }
}
