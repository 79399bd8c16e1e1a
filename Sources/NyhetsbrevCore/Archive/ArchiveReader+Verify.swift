import Foundation

extension ArchiveReader {
    /// Reads every partition and index in full and checks them against each
    /// other: every entry decodes, ids and keys are unique across the
    /// archive, each id derives from its first key, and every up-to-date
    /// index says exactly what its partition holds.
    public func verify() -> VerifyReport {
        var report = VerifyReport()
        let names: [String]
        do {
            names = try existingPartitionNames()
        } catch {
            report.problems.append(error.description)
            return report
        }
        var ids: [String: String] = [:]
        var keys: [String: String] = [:]
        for name in names {
            report.partitions += 1
            let path = layout.partitionFile(name).path
            let partition: ArchivePartition
            let entries: [ArchivedEntry]
            let stamp: PartitionStamp
            do {
                let read = try PartitionStamp.read(path: path)
                stamp = read.stamp
                partition = try ArchivePartition.decode(read.data, path: path)
                entries = try partition.checkedEntries(path: path)
            } catch {
                report.problems.append(error.description)
                continue
            }
            if partition.name != name {
                report.problems.append("\(path) says it is partition \(partition.name)")
            }
            report.entries += entries.count
            for entry in entries {
                if let other = ids.updateValue(name, forKey: entry.id) {
                    report.problems.append("entry \(entry.id) appears twice (in \(other) and \(name))")
                }
                guard let first = entry.keys.first else {
                    report.problems.append("entry \(entry.id) in \(path) has no identity keys")
                    continue
                }
                if EntryIdentity.entryID(forKey: first) != entry.id {
                    report.problems.append("entry \(entry.id) in \(path) does not match its first key \(first)")
                }
                for key in entry.keys {
                    if let other = keys.updateValue(entry.id, forKey: key), other != entry.id {
                        report.problems.append("entries \(other) and \(entry.id) share the key \(key) (a duplicate)")
                    }
                }
            }
            checkIndex(name, partition: partition, entries: entries, stamp: stamp, into: &report)
        }
        checkSideFiles(into: &report)
        return report
    }

    private func checkIndex(
        _ name: String, partition: ArchivePartition, entries: [ArchivedEntry], stamp: PartitionStamp,
        into report: inout VerifyReport
    ) {
        let indexPath = layout.indexFile(name).path
        guard let bytes = layout.freshIndexBytes(name, stamp: stamp) else {
            report.notes.append("index \(indexPath) is missing or older than its partition; the next fetch or `nyhetsbrev archive reindex` rebuilds it")
            return
        }
        let built = PartitionIndex(name: name, stamp: stamp, records: entries.map(IndexRecord.init))
        guard let stored = PartitionIndex.decode(bytes), stored == built else {
            report.problems.append("index \(indexPath) does not match its partition; run `nyhetsbrev archive reindex`")
            return
        }
    }

    private func checkSideFiles(into report: inout VerifyReport) {
        do {
            _ = try IdentityTrust.load(from: layout.identityFile)
            _ = try Tombstones.load(from: layout.tombstonesFile)
        } catch {
            report.problems.append(error.description)
        }
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: layout.damagedDirectory.path))?.sorted() ?? [] {
            report.problems.append(
                "damaged partition set aside at \(layout.damagedDirectory.path)/\(name); repair it and move it back, or delete it")
        }
        for dir in [layout.directory, layout.indexDirectory] {
            for name in (try? fm.contentsOfDirectory(atPath: dir.path)) ?? [] where name.hasPrefix(AtomicFile.tempPrefix) {
                report.notes.append("temp file \(dir.path)/\(name) left by an interrupted write; the next fetch removes it")
            }
        }
    }
}
