import Foundation
import Testing

/// The built `nyhetsbrev` executable, driven as a user would. `swift test`
/// builds it beside the test bundle.
@Suite struct CLITests {
    struct Run: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var executable: URL {
        Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("nyhetsbrev")
    }

    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    func nyhetsbrev(_ arguments: [String], environment: [String: String] = [:], input: Data? = nil) async throws -> Run {
        try await offPool { try Self.run(arguments, environment: environment, input: input) }
    }

    static func run(_ arguments: [String], environment: [String: String], input: Data? = nil) throws -> Run {
        let executable = Self.executable
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "no executable at \(executable.path)")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = Self.repository
        var env = ProcessInfo.processInfo.environment
        env["NYHETSBREV_CONFIG"] = nil
        env.merge(environment) { _, new in new }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        if input != nil { process.standardInput = stdin }
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(input)
            try stdin.fileHandleForWriting.close()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func demoFetchPrintsEntriesOnceAndExportShowsThemAll() async throws {
        let state = try TemporaryDirectory()
        let first = try await nyhetsbrev(["fetch", "--config", "Config/demo.toml", "--state-dir", state.path])
        #expect(first.status == 0, "\(first.stderr)")
        let lines = first.stdout.split(separator: "\n")
        #expect(lines.count >= 10)
        for line in lines {
            #expect(line.wholeMatch(of: /\d{4}-\d{2}-\d{2}  [a-z0-9-]+ *  .+  (https?:\/\/\S+)?/) != nil, "\(line)")
        }
        let days = lines.map { $0.prefix(10) }
        #expect(days == days.sorted(by: >), "newest first")

        let second = try await nyhetsbrev(["fetch", "--config", "Config/demo.toml", "--state-dir", state.path])
        #expect(second.status == 0)
        #expect(second.stdout.isEmpty)

        let export = try await nyhetsbrev(["archive", "export", "--state-dir", state.path])
        #expect(export.status == 0)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [[String: Any]])
        #expect(array.count == lines.count)
        for key in ["id", "sources", "title", "link", "published", "updated", "summary", "first_seen"] {
            #expect(array.allSatisfy { $0.keys.contains(key) }, "every entry has \(key)")
        }
    }

    @Test func failingSourceExitsTwoWithOneLineNamingIt() async throws {
        let dir = try TemporaryDirectory()
        let good = Self.repository.appendingPathComponent("Config/demo/rcc-mellansverige.xml").path
        try Data("""
            [[sources]]
            id = "good"
            title = "Good"
            url = "file://\(good)"

            [[sources]]
            id = "missing"
            title = "Missing"
            url = "file:///nonexistent/feed.xml"
            """.utf8).write(to: dir.file("c.toml"))
        let run = try await nyhetsbrev(["fetch", "--config", dir.file("c.toml").path, "--state-dir", dir.file("state").path])
        #expect(run.status == 2)
        #expect(!run.stdout.isEmpty, "the good source is archived all the same")
        let errors = run.stderr.split(separator: "\n")
        #expect(errors.count == 1)
        #expect(errors.first?.contains("missing") == true)

        let status = try await nyhetsbrev(["status", "--config", dir.file("c.toml").path, "--state-dir", dir.file("state").path])
        #expect(status.status == 2, "status exits 2 while a source fails")
        let rows = status.stdout.split(separator: "\n")
        #expect(rows.first?.hasPrefix("SOURCE") == true)
        #expect(rows.contains { $0.hasPrefix("missing") && $0.contains("FAILING") && $0.contains("network or HTTP error") })
        #expect(rows.contains { $0.hasPrefix("good") && $0.contains(" ok ") })

        let json = try await nyhetsbrev(["status", "--json", "--config", dir.file("c.toml").path, "--state-dir", dir.file("state").path])
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(array.first { $0["id"] as? String == "missing" }?["consecutive_failures"] as? Int == 1)
    }

    @Test func configCheckListsEveryProblemWithItsLine() async throws {
        let dir = try TemporaryDirectory()
        try Data("[[sources]]\nid = \"Bad Id\"\ntitle = \"x\"\nurl = \"ftp://x.se/\"\nsurprise = 1\n".utf8).write(to: dir.file("bad.toml"))
        let run = try await nyhetsbrev(["config", "check", "--config", dir.file("bad.toml").path])
        #expect(run.status == 1)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.hasPrefix(dir.file("bad.toml").path + ":") })
        let ok = try await nyhetsbrev(["config", "check", "--config", "Config/demo.toml"])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("OK"))
    }

    @Test func badConfigurationExitsOneNamingTheFile() async throws {
        let dir = try TemporaryDirectory()
        try Data("[[sources]]\nid = \"Bad Id\"\n".utf8).write(to: dir.file("bad.toml"))
        let run = try await nyhetsbrev(["fetch", "--config", dir.file("bad.toml").path, "--state-dir", dir.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("bad.toml"))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test func notAFeedIsAOneLineParseError() async throws {
        let dir = try TemporaryDirectory()
        try Data("<html><head><title>Just a moment...</title></head><body></body></html>".utf8)
            .write(to: dir.file("wall.html"))
        let run = try await nyhetsbrev(["parse", dir.file("wall.html").path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("wall.html"))
        #expect(run.stderr.contains("not a feed"))
    }

    @Test func parseReadsStandardInputAndNamesWhatItCannotRead() async throws {
        let feed = try Data(contentsOf: Self.repository.appendingPathComponent("Config/demo/socialstyrelsen.atom"))
        let piped = try await nyhetsbrev(["parse", "-"], input: feed)
        #expect(piped.status == 0, "\(piped.stderr)")
        let fromFile = try await nyhetsbrev(["parse", "Config/demo/socialstyrelsen.atom"])
        #expect(piped.stdout == fromFile.stdout)
        #expect(!piped.stdout.isEmpty)

        let empty = try await nyhetsbrev(["parse", "/dev/null"])
        #expect(empty.status == 1)
        #expect(empty.stderr.hasPrefix("nyhetsbrev parse: /dev/null: "))
        #expect(!empty.stderr.contains("permission"), "\(empty.stderr)")

        let missing = try await nyhetsbrev(["parse", "no/such/feed.xml"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "nyhetsbrev parse: no/such/feed.xml: cannot read the file (No such file or directory)\n")

        let directory = try await nyhetsbrev(["parse", "Sources"])
        #expect(directory.status == 1)
        #expect(directory.stderr == "nyhetsbrev parse: Sources: cannot read the file (Is a directory)\n")
    }

    /// libxml2 prints conversion errors of a document it decodes itself to
    /// stderr unless told not to; for the daemon that would be the journal.
    @Test func parseKeepsLibxml2sOwnErrorOutputOffStandardError() async throws {
        let bytes = Array(#"<?xml version="1.0" encoding="utf-8."?><rss version="2.0"><channel><title>A"#.utf8)
            + [0xFF, 0xFF, 0xFF, 0xFF] + Array("B</title></channel></rss>".utf8)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("unconvertible-\(UUID().uuidString).xml")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        for arguments in [["parse", file.path], ["parse", "-"]] {
            let result = try await nyhetsbrev(arguments, input: Data(bytes))
            #expect(result.status == 0)
            #expect(result.stdout.contains("recovered from ill-formed XML"))
            #expect(result.stderr.isEmpty, "\(result.stderr)")
        }
    }

    @Test func parseRefusesADocumentOverMaxSizeAndSaysHowToReadIt() async throws {
        let path = "Config/demo/socialstyrelsen.atom"
        let size = try #require(try FileManager.default.attributesOfItem(atPath: Self.repository.appendingPathComponent(path).path)[.size] as? Int)
        let refused = try await nyhetsbrev(["parse", "--max-size", "\(size - 1)", path])
        #expect(refused.status == 1)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr == "nyhetsbrev parse: \(path): document larger than the limit of \(size - 1) bytes (a larger --max-size reads it)\n")
        let piped = try await nyhetsbrev(["parse", "--max-size", "1KB", "-"], input: Data(repeating: 0x20, count: 2048))
        #expect(piped.stderr == "nyhetsbrev parse: -: document larger than the limit of 1 KB (a larger --max-size reads it)\n")
        let allowed = try await nyhetsbrev(["parse", "--max-size", "\(size)", path])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        let wrong = try await nyhetsbrev(["parse", "--max-size", "lots", path])
        #expect(wrong.status != 0)
        #expect(wrong.stderr.contains("not a size"))
    }

    @Test func parseReadsAURLAndNamesABotWall() async throws {
        let server = try LoopbackServer()
        let feed = try Data(contentsOf: Self.repository.appendingPathComponent("Config/demo/rcc-mellansverige.xml"))
        server.route("/feed.xml", reply: .ok(body: feed, headers: ["Content-Type": "text/xml"]))
        server.route("/wall", reply: .ok(body: "<html><head><title>Just a moment...</title></head></html>", headers: [:]))

        let ok = try await nyhetsbrev(["parse", server.url("/feed.xml").absoluteString])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("[rss20"))
        #expect(ok.stdout.contains("https://cancercentrum.se/mellansverige/"))

        let wall = try await nyhetsbrev(["parse", server.url("/wall").absoluteString])
        #expect(wall.status == 1)
        #expect(wall.stderr.contains("not a feed"))
        #expect(wall.stderr.contains("Just a moment..."))
        #expect(wall.stderr.contains(server.url("/wall").absoluteString))
    }

    @Test func parseJSONHasTheCorpusSchema() async throws {
        let run = try await nyhetsbrev(["parse", "--json", "Config/demo/socialstyrelsen.atom"])
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let feed = try #require(object["feed"] as? [String: Any])
        #expect(Set(feed.keys).isSuperset(of: ["title", "link", "language", "updated"]))
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(!entries.isEmpty)
        let keys: Set<String> = [
            "id", "title", "link", "published", "updated", "summary_text", "content_text", "authors", "categories", "enclosures",
        ]
        #expect(entries.allSatisfy { Set($0.keys).isSuperset(of: keys) })
    }

    @Test func runFetchesReloadsOnHangupAndStopsCleanlyOnTerm() async throws {
        let state = try TemporaryDirectory()
        let outcome = try await offPool { () throws -> Run in
            let process = Process()
            process.executableURL = Self.executable
            process.arguments = ["run", "--config", "Config/demo.toml", "--state-dir", state.path]
            process.currentDirectoryURL = Self.repository
            let err = Pipe()
            process.standardError = err
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let archive = state.url.appendingPathComponent("archive/2026-11.json")
            let deadline = Date().addingTimeInterval(20)
            while !FileManager.default.fileExists(atPath: archive.path), Date() < deadline { usleep(50_000) }
            usleep(200_000)
            kill(process.processIdentifier, SIGHUP)
            usleep(500_000)
            kill(process.processIdentifier, SIGTERM)
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Run(status: process.terminationStatus, stdout: "", stderr: String(decoding: stderr, as: UTF8.self))
        }
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("cycle done"))
        #expect(outcome.stderr.contains("configuration reloaded"))
        #expect(outcome.stderr.contains("stopped signal=15"))
        #expect(outcome.stderr.split(separator: "\n").allSatisfy { $0.wholeMatch(of: /\S+ (debug|info|notice|warning|error|critical) .*/) != nil })
    }

    @Test func progressLineOnlyOnATerminal() async throws {
        let state = try TemporaryDirectory()
        let plain = try await nyhetsbrev(["fetch", "--config", "Config/demo.toml", "--state-dir", state.path])
        #expect(!plain.stderr.contains("fetched"), "no progress when stderr is not a terminal")

        // script(1) gives the command a pseudo-terminal.
        let other = try TemporaryDirectory()
        let command = "\(Self.executable.path) fetch --config Config/demo.toml --state-dir \(other.path)"
        let tty = try await offPool { () throws -> String in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qec", command, "/dev/null"]
            process.currentDirectoryURL = Self.repository
            let out = Pipe()
            process.standardOutput = out
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        #expect(tty.contains("fetched 3/3"))
    }

    @Test func helpListsEveryCommandAndVersionPrints() async throws {
        let help = try await nyhetsbrev(["--help"])
        for command in ["fetch", "run", "parse", "archive", "status", "config"] {
            #expect(help.stdout.contains("  \(command)"), "--help lists \(command)")
        }
        let version = try await nyhetsbrev(["--version"])
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).wholeMatch(of: /\d+\.\d+\.\d+/) != nil)
    }

    @Test(arguments: [[], ["fetch"], ["run"], ["parse"], ["archive"], ["archive", "export"], ["status"], ["config"], ["config", "check"]])
    func everyCommandHelpHasAnExample(_ command: [String]) async throws {
        let help = try await nyhetsbrev(command + ["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Example"), "\(command.joined(separator: " ")) --help has an example")
    }

    @Test func usageErrorExitsOne() async throws {
        let run = try await nyhetsbrev(["fetch", "--no-such-flag"])
        #expect(run.status == 1)
    }
}
