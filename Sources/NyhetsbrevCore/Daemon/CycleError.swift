/// Why a cycle could not run at all (as opposed to one source failing,
/// which is a `SourceFailure` in the report and never stops the others).
public enum CycleError: Error, Sendable, CustomStringConvertible {
    case archive(ArchiveError)
    case lock(FileLock.Failure)

    public var description: String {
        switch self {
        case let .archive(error): error.description
        case let .lock(error): error.description
        }
    }
}
