/// A partition that could not be read when the archive was opened: what it
/// was, why it was refused, and where it was moved so its data can be
/// recovered by hand. The rest of the archive stays usable.
public struct DamagedPartition: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var reason: String
    /// Where the writer moved it (`archive/damaged/NAME.json.TIMESTAMP`); nil when only read.
    public var movedTo: String?

    public init(path: String, reason: String, movedTo: String? = nil) {
        self.path = path
        self.reason = reason
        self.movedTo = movedTo
    }

    public var description: String {
        var text = "archive file \(path) is damaged (\(reason))"
        if let movedTo { text += "; moved aside to \(movedTo), repair it by hand and move it back, or delete it" }
        return text
    }
}
