/// A file attached to an entry (RSS `<enclosure>`, Atom `rel="enclosure"`).
public struct Enclosure: Sendable, Hashable, Codable {
    public var url: String
    public var type: String?
    public var length: Int?

    public init(url: String, type: String? = nil, length: Int? = nil) {
        self.url = url
        self.type = type
        self.length = length
    }
}
