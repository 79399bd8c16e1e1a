/// The whole validated configuration file. Only `ConfigLoader` builds one
/// from text, so holding a `Configuration` means every value was checked.
public struct Configuration: Sendable {
    /// The default for `state_dir`, following the FHS location for daemon state.
    public static let defaultStateDir = "/var/lib/nyhetsbrev"
    /// The default for `interval`: hourly is frequent enough for public bodies
    /// that publish a few items a week, and polite to their servers.
    public static let defaultPollInterval: Duration = .seconds(3600)

    /// Directory holding the archive and fetch state (absolute).
    public var stateDir: String
    public var sources: [SourceConfig]
    public var fetch: FetchSettings
    /// Retention of the archive (`[archive]`).
    public var archive: ArchiveSettings
    /// Polling interval for sources that set none.
    public var defaultInterval: Duration
    /// The file this configuration was read from, for messages and reloads.
    public var path: String

    public init(
        stateDir: String = Configuration.defaultStateDir, sources: [SourceConfig] = [],
        fetch: FetchSettings = FetchSettings(), archive: ArchiveSettings = ArchiveSettings(), defaultInterval: Duration = Configuration.defaultPollInterval,
        path: String
    ) {
        self.stateDir = stateDir
        self.sources = sources
        self.fetch = fetch
        self.archive = archive
        self.defaultInterval = defaultInterval
        self.path = path
    }

    /// The interval a source is actually polled at.
    public func interval(for source: SourceConfig) -> Duration {
        source.interval ?? defaultInterval
    }
}
