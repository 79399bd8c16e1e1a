extension StateDirectory {
    /// Creates the state directory if needed and takes the writer's lock, with
    /// the failure a cycle reports. Every writer (fetch cycle, retention)
    /// starts here, so they exclude each other the same way.
    func lockForWriting(wait: Bool, onWait: () -> Void) throws(CycleError) -> FileLock {
        do {
            try prepare()
            return try lock(wait: wait, onWait: onWait)
        } catch let error as FileLock.Failure {
            throw .lock(error)
        } catch let error as ArchiveError {
            throw .archive(error)
        } catch {
            throw .archive(.cannotCreate(path: root.path, reason: "\(error)"))
        }
    }
}
