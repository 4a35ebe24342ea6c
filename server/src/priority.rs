//! Threads that serve everyone ask the kernel to run them first: on saturated cores it shares
//! them fairly among every busy thread, so a thread that others wait for (SQLite's writer, the
//! operators' runtime) would otherwise wait for its turn behind the very requests it serves.

/// The priority the SQLite writer's thread asks for (and sqlx's worker thread of its
/// connection, which it starts and which inherits it).
pub const WRITER_NICE: i32 = -10;

/// Sets the calling thread's scheduling priority, `nice` from -20 (highest) to 19 (lowest).
/// Below 0 needs root or `CAP_SYS_NICE`. On Linux the priority is per thread, and threads
/// started afterwards by this one inherit it; elsewhere nothing is done.
pub fn set_current_thread(nice: i32) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        let thread = rustix::thread::gettid();
        rustix::process::setpriority_process(Some(thread), nice.clamp(-20, 19))
            .map_err(std::io::Error::from)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = nice;
        Ok(())
    }
}
