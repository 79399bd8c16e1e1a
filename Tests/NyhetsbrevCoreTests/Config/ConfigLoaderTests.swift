import Foundation
import Testing
@testable import NyhetsbrevCore

/// Parses `text` as `/etc/nyhetsbrev/test.toml` and returns its problems (empty when valid).
private func problems(_ text: String, path: String = "/etc/nyhetsbrev/test.toml") -> [ConfigProblem] {
    switch ConfigLoader.parse(text: text, path: path) {
    case .success: return []
    case .failure(let error): return error.problems
    }
}

private func configuration(_ text: String, path: String = "/etc/nyhetsbrev/test.toml") throws -> Configuration {
    try ConfigLoader.parse(text: text, path: path).get()
}

/// A valid source block to build variations on.
private let validSource = """
    [[sources]]
    id = "skr"
    title = "SKR"
    url = "https://skr.se/feed"
    """

@Suite struct ConfigLoaderTests {
    @Test func defaultsApplyWhenKeysAreLeftOut() throws {
        let config = try configuration(validSource)
        #expect(config.stateDir == "/var/lib/nyhetsbrev")
        #expect(config.defaultInterval == .seconds(3600))
        #expect(config.fetch == FetchSettings())
        #expect(config.path == "/etc/nyhetsbrev/test.toml")
        let source = try #require(config.sources.first)
        #expect(source.kind == .feed)
        #expect(source.enabled)
        #expect(source.tags.isEmpty)
        #expect(source.interval == nil)
        #expect(config.interval(for: source) == .seconds(3600))
        #expect(!source.isFile)
    }

    @Test func emptyFileIsValidWithNoSources() throws {
        let config = try configuration("")
        #expect(config.sources.isEmpty)
    }

    @Test func fullConfigRoundTrip() throws {
        let url = try #require(Bundle.module.url(forResource: "full", withExtension: "toml", subdirectory: "Fixtures/Config"))
        let config = try ConfigLoader.load(path: url.path)
        let directory = url.deletingLastPathComponent().standardizedFileURL.path
        #expect(config.path == url.path)
        #expect(config.stateDir == directory + "/state")
        #expect(config.defaultInterval == .seconds(5400))

        var fetch = FetchSettings()
        fetch.parallel = 16
        fetch.perHost = 3
        fetch.connectTimeout = 5
        fetch.timeout = 120
        fetch.maxBodyBytes = 512 * 1024
        fetch.contact = "drift@region.example"
        fetch.caPath = "/etc/ssl/certs/ca-certificates.crt"
        fetch.proxy = "http://proxy.region.example:3128"
        #expect(config.fetch == fetch)

        let regeringen = "https://www.regeringen.se/Filter/RssFeed?filterType=Taxonomy&filterByType=FilterablePageBase&rootPageReference=0&filteredContentCategories=1334,2097,2099&filteredPublisherCategories=1292"
        let skr = "https://skr.se/4.e6f1d6318fa4a7c94db534c/12.e6f1d6318fa4a7c94db5bb0.portlet?state=rss&sv.contenttype=text/xml;charset=UTF-8"
        let regeringenURL = try #require(URL(string: regeringen))
        let skrURL = try #require(URL(string: skr))
        #expect(config.sources == [
            SourceConfig(
                id: "regeringen-socialdepartementet", title: "Regeringen – Socialdepartementet",
                url: regeringenURL, kind: .feed, interval: .seconds(7200),
                tags: ["regeringen", "nationellt"], enabled: true),
            SourceConfig(id: "skr", title: "SKR – nyheter", url: skrURL),
            SourceConfig(
                id: "lokal-fil", title: "Lokal fil – å ä ö",
                url: URL(fileURLWithPath: directory + "/feeds/lokal.xml"), kind: .html, interval: .seconds(45),
                tags: [], enabled: false),
        ])
        #expect(config.sources[0].url.absoluteString == regeringen)
        #expect(config.sources[1].url.absoluteString == skr)
        #expect(config.sources[2].isFile)
    }

    @Test func relativeFileURLsResolveAgainstTheConfigDirectory() throws {
        let config = try configuration(
            """
            [[sources]]
            id = "a"
            title = "A"
            url = "file:demo/rcc-mellansverige.xml"
            [[sources]]
            id = "b"
            title = "B"
            url = "file:../shared/b.xml"
            [[sources]]
            id = "c"
            title = "C"
            url = "file:///srv/feeds/c.xml"
            [[sources]]
            id = "d"
            title = "D"
            url = "file:/srv/feeds/d%20e.xml"
            """, path: "/opt/nyhetsbrev/Config/demo.toml")
        #expect(config.sources.map(\.url.path) == [
            "/opt/nyhetsbrev/Config/demo/rcc-mellansverige.xml", "/opt/nyhetsbrev/shared/b.xml",
            "/srv/feeds/c.xml", "/srv/feeds/d e.xml",
        ])
        #expect(config.sources.allSatisfy { $0.isFile })
    }

    @Test func relativeStateDirResolvesAgainstTheConfigDirectory() throws {
        let config = try configuration(#"state_dir = "../var/state""#, path: "/opt/app/etc/n.toml")
        #expect(config.stateDir == "/opt/app/var/state")
    }

    @Test func unknownKeysAreReportedEverywhere() {
        let found = problems(
            """
            stat_dir = "/x"
            [fetch]
            paralel = 4
            [[sources]]
            id = "a"
            title = "A"
            url = "https://a.se/"
            link = "https://a.se/"
            titel = "A"
            """)
        #expect(found.map(\.keyPath) == ["stat_dir", "fetch.paralel", "sources[1].link", "sources[1].titel"])
        #expect(found[0].message == #"unknown key "stat_dir" (did you mean "state_dir"?)"#)
        #expect(found[1].message == #"unknown key "paralel" (did you mean "parallel"?)"#)
        #expect(found[2].message == #"unknown key "link" (allowed here: id, title, url, kind, interval, tags, enabled)"#)
        #expect(found[3].message == #"unknown key "titel" (did you mean "title"?)"#)
    }

    @Test func missingRequiredKeysAreEachReported() {
        let found = problems("[[sources]]\nkind = \"feed\"\n")
        #expect(found.map(\.keyPath) == ["sources[1].id", "sources[1].title", "sources[1].url"])
        #expect(found.allSatisfy { $0.line == 1 && $0.message.hasPrefix("missing") })
    }

    @Test func duplicateIDsAreReportedWithTheFirstUse() {
        let found = problems(validSource + "\n" + validSource)
        #expect(found.count == 1)
        #expect(found.first?.keyPath == "sources[2].id")
        #expect(found.first?.message == #"duplicate id "skr" (already used by sources[1])"#)
        #expect(found.first?.line == 6)
    }

    @Test(arguments: ["SKR", "skr_news", "skr news", "skår", ""])
    func invalidIDsAreRejected(_ id: String) {
        let found = problems(validSource.replacingOccurrences(of: #"id = "skr""#, with: "id = \"\(id)\""))
        #expect(found.map(\.keyPath) == ["sources[1].id"])
    }

    @Test(arguments: [
        ("ftp://example.se/feed", "unsupported scheme \"ftp\" (use http, https or file)"),
        ("mailto:a@b.se", "unsupported scheme \"mailto\" (use http, https or file)"),
        ("https:///no-host", "invalid URL \"https:///no-host\" (needs a host, e.g. https://example.se/feed)"),
        ("https:example.se", "invalid URL \"https:example.se\" (needs a host, e.g. https://example.se/feed)"),
        ("https://example.se/a b", "URL \"https://example.se/a b\" contains a space or control character (percent-encode it, e.g. %20)"),
        ("https://user@:80/", "invalid URL \"https://user@:80/\" (needs a host, e.g. https://example.se/feed)"),
        ("example.se/feed", "\"example.se/feed\" is not an absolute URL (use http://, https:// or file:)"),
        ("file:", "invalid file URL \"file:\" (use file:///absolute/path or file:relative/path)"),
        ("file://otherhost/x.xml", "invalid file URL \"file://otherhost/x.xml\" (use file:///absolute/path or file:relative/path)"),
    ])
    func badURLsAreRejected(_ url: String, _ message: String) {
        let found = problems(validSource.replacingOccurrences(of: "https://skr.se/feed", with: url))
        #expect(found.map(\.message) == [message])
        #expect(found.first?.keyPath == "sources[1].url")
        #expect(found.first?.line == 4)
    }

    @Test func problemDescriptionNamesFileLineAndKey() {
        let found = problems(validSource.replacingOccurrences(of: "https://skr.se/feed", with: "ftp://x.se/"))
        #expect(found.first?.description == #"/etc/nyhetsbrev/test.toml:4: sources[1].url: unsupported scheme "ftp" (use http, https or file)"#)
    }

    @Test(arguments: ["5x", "1m30h", "h", "30", "1h 30m", "-5m", "10s"])
    func badIntervalsAreRejected(_ interval: String) {
        let found = problems(validSource + "\ninterval = \"\(interval)\"\n")
        #expect(found.map(\.keyPath) == ["sources[1].interval"])
    }

    @Test func topLevelIntervalIsValidatedAndUsedAsDefault() throws {
        #expect(problems(#"interval = "1y""#).map(\.keyPath) == ["interval"])
        #expect(problems(#"interval = 60"#).first?.message == #"expected a duration string like "30m", found an integer"#)
        let config = try configuration("interval = \"20m\"\n" + validSource + "\ninterval = \"1d\"")
        #expect(config.defaultInterval == .seconds(1200))
        #expect(config.sources.first?.interval == .seconds(86_400))
    }

    @Test func wrongTypesAreReported() {
        let found = problems(
            """
            state_dir = 5
            fetch = "fast"
            [[sources]]
            id = 7
            title = ["A"]
            url = "https://a.se/"
            enabled = "yes"
            tags = "rcc"
            """)
        #expect(found.map(\.keyPath) == ["state_dir", "fetch", "sources[1].id", "sources[1].title", "sources[1].enabled", "sources[1].tags"])
        #expect(found.map(\.message) == [
            "expected a string, found an integer",
            "expected a table ([fetch]), found a string",
            "expected a string, found an integer",
            "expected a string, found an array",
            "expected true or false, found a string",
            "expected an array of strings, found a string",
        ])
    }

    @Test func sourcesWrittenAsATableAreReported() {
        let found = problems("[sources]\nid = \"a\"\n")
        #expect(found.map(\.keyPath) == ["sources"])
        #expect(found.first?.message == "expected an array of tables (write each entry as [[sources]]), found a table")
    }

    @Test func badKindIsReported() {
        let found = problems(validSource + "\nkind = \"rss\"")
        #expect(found.map(\.message) == [#"unknown kind "rss" (use feed or html)"#])
    }

    @Test func tagsMustBeNonEmptyStrings() {
        let found = problems(validSource + "\ntags = [\"rcc\", 3, \"\"]")
        #expect(found.map(\.keyPath) == ["sources[1].tags[2]", "sources[1].tags[3]"])
    }

    @Test func fetchNumbersAreRangeChecked() {
        let found = problems(
            """
            [fetch]
            parallel = 0
            per_host = 65
            connect_timeout = 0
            timeout = -1.5
            max_body = "2GB"
            """)
        #expect(found.map(\.keyPath) == ["fetch.parallel", "fetch.per_host", "fetch.connect_timeout", "fetch.timeout", "fetch.max_body"])
        #expect(found.map(\.line) == [2, 3, 4, 5, 6])
        #expect(found[0].message == "0 is out of range (1...256)")
        #expect(found[2].message == "0s is out of range (0.001s...1d)")
        #expect(found[3].message == "-1.5s is out of range (0.001s...1d)")
    }

    @Test func fetchAcceptsBoundaryValuesAndBothTimeoutNotations() throws {
        let config = try configuration(
            """
            [fetch]
            parallel = 256
            per_host = 64
            connect_timeout = 2.5
            timeout = "1m"
            max_body = 1048576
            """)
        #expect(config.fetch.parallel == 256)
        #expect(config.fetch.perHost == 64)
        #expect(config.fetch.connectTimeout == 2.5)
        #expect(config.fetch.timeout == 60)
        #expect(config.fetch.maxBodyBytes == 1 << 20)
    }

    @Test func connectTimeoutLongerThanTimeoutIsReported() {
        let found = problems("[fetch]\nconnect_timeout = 90\n")
        #expect(found.map(\.keyPath) == ["fetch.connect_timeout"])
    }

    @Test func badProxyIsReported() {
        #expect(problems("[fetch]\nproxy = \"ftp://p.se\"").map(\.keyPath) == ["fetch.proxy"])
        #expect(problems("[fetch]\nproxy = \"socks5h://127.0.0.1:1080\"").isEmpty)
    }

    @Test func disabledSourcesAreStillValidated() {
        let found = problems(validSource.replacingOccurrences(of: "https://skr.se/feed", with: "gopher://x") + "\nenabled = false")
        #expect(found.map(\.keyPath) == ["sources[1].url"])
    }

    @Test func everyProblemIsCollectedInLineOrder() {
        let found = problems(
            """
            [[sources]]
            id = "A"
            title = "A"
            url = "ftp://a"
            kind = "x"

            [fetch]
            parallel = "8"
            """)
        #expect(found.map(\.line) == [2, 4, 5, 8])
    }

    @Test func syntaxErrorsCarryTheirLine() {
        let found = problems("state_dir = \"/x\"\n[fetch\nparallel = 2\n")
        #expect(found.count == 1)
        #expect(found.first?.line == 2)
        #expect(found.first?.keyPath == "")
        #expect(found.first?.message.hasPrefix("TOML syntax error") == true)
    }

    @Test func errorDescriptionSummarizesFurtherProblems() {
        let error = ConfigError.invalid([
            ConfigProblem(file: "a.toml", line: 3, keyPath: "fetch.parallel", message: "0 is out of range (1...256)"),
            ConfigProblem(file: "a.toml", line: nil, keyPath: "x", message: "y"),
            ConfigProblem(file: "a.toml", line: 9, keyPath: "", message: "z"),
        ])
        #expect(error.description == "a.toml:3: fetch.parallel: 0 is out of range (1...256) (and 2 more; run `nyhetsbrev config check`)")
        #expect(ConfigError.invalid([error.problems[2]]).description == "a.toml:9: z")
        #expect(error.problems[1].description == "a.toml: x: y")
    }

    @Test func loadReportsUnreadableFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("config-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("missing.toml").path
        #expect(throws: ConfigError.unreadable(path: missing, reason: "no such file")) { try ConfigLoader.load(path: missing) }
        #expect(throws: ConfigError.unreadable(path: directory.path, reason: "is a directory")) {
            try ConfigLoader.load(path: directory.path)
        }
        let latin1 = directory.appendingPathComponent("latin1.toml")
        try Data([0x23, 0x20, 0xE5, 0x0A]).write(to: latin1)
        #expect(throws: ConfigError.unreadable(path: latin1.path, reason: "not UTF-8 text")) {
            try ConfigLoader.load(path: latin1.path)
        }
        let large = directory.appendingPathComponent("large.toml")
        try Data(repeating: 0x23, count: ConfigLoader.maximumFileSize + 1).write(to: large)
        #expect(throws: ConfigError.unreadable(path: large.path, reason: "larger than 1024 KiB; is this the right file?")) {
            try ConfigLoader.load(path: large.path)
        }
        #expect(throws: ConfigError.unreadable(path: "/dev/null", reason: "not a regular file")) {
            try ConfigLoader.load(path: "/dev/null")
        }
        #expect(ConfigError.unreadable(path: missing, reason: "no such file").description == "cannot read config file \(missing): no such file")
    }

    @Test func loadFollowsSymlinks() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("config-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("real.toml")
        try Data("interval = \"2h\"\n".utf8).write(to: target)
        let link = directory.appendingPathComponent("link.toml")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let config = try ConfigLoader.load(path: link.path)
        #expect(config.defaultInterval == .seconds(7200))
        #expect(config.path == link.path)
    }

    @Test func resolvePathPrecedence() {
        let environment = ["NYHETSBREV_CONFIG": "/env/n.toml"]
        #expect(ConfigLoader.resolvePath(explicit: "/cli/n.toml", environment: environment) == "/cli/n.toml")
        #expect(ConfigLoader.resolvePath(explicit: nil, environment: environment) == "/env/n.toml")
        #expect(ConfigLoader.resolvePath(explicit: "", environment: environment) == "/env/n.toml")
        #expect(ConfigLoader.resolvePath(explicit: nil, environment: ["NYHETSBREV_CONFIG": ""]) == "/etc/nyhetsbrev/nyhetsbrev.toml")
        #expect(ConfigLoader.resolvePath(explicit: nil, environment: [:]) == "/etc/nyhetsbrev/nyhetsbrev.toml")
    }
}

@Suite struct ArchiveConfigTests {
    @Test func archiveKeepIsReadInYearsOrDays() throws {
        #expect(try configuration("[archive]\nkeep = \"10y\"\n" + validSource).archive.keep == RetentionPeriod(years: 10))
        #expect(try configuration("[archive]\nkeep = \"400d\"\n" + validSource).archive.keep == RetentionPeriod(days: 400))
        #expect(try configuration(validSource).archive.keep == nil)
    }

    @Test func invalidArchiveKeepAndUnknownKeysAreReported() {
        let found = problems("[archive]\nkeep = \"10 years\"\nkepe = 1\n" + validSource)
        #expect(found.map(\.message).contains(#"invalid retention "10 years" (use whole years or days, e.g. "10y" or "400d")"#))
        #expect(found.map(\.message).contains { $0.hasPrefix(#"unknown key "kepe""#) })
    }

    @Test func retentionCutoffIsTheSameCalendarDate() {
        let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18
        let cutoff = RetentionPeriod(years: 10).cutoff(from: now)
        #expect(StockholmTime.day(cutoff) == "2016-11-18")
    }
}
