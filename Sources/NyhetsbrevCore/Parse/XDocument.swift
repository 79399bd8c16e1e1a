/// Owns the storage of one parsed document. Elements (`XElement`) point into
/// it without reference counting, so whoever maps elements keeps the
/// document alive (`withExtendedLifetime`) for as long as it does.
final class XDocument {
    let tree: UnsafeMutablePointer<XTree>

    /// The capacities are where the tree's byte arenas start (see `XTree.init`).
    init(textCapacity: Int = 0, attributeByteCapacity: Int = 0) {
        tree = .allocate(capacity: 1)
        tree.initialize(to: XTree(textCapacity: textCapacity, attributeByteCapacity: attributeByteCapacity))
    }

    deinit {
        tree.deinitialize(count: 1)
        tree.deallocate()
    }
}
