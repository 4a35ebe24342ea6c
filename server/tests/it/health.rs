use crate::common::TestApp;
use crate::on_both_backends;

on_both_backends! {
    async fn the_process_and_the_database_answer(backend) {
        let app = TestApp::spawn(backend).await;
        let health = app.get("/healthz").await;
        assert_eq!(health.status(), 200);
        let ready = app.get("/readyz").await;
        assert_eq!(ready.status(), 200);
        assert_eq!(ready.text().await.expect("body"), "ready");
    }

    async fn readiness_fails_cleanly_when_the_database_is_gone(backend) {
        let app = TestApp::spawn(backend).await;
        // Sabotage: close every connection of the pools the app uses.
        app.db().close().await;
        let ready = app.get("/readyz").await;
        assert_eq!(ready.status(), 503);
        assert_eq!(ready.text().await.expect("body"), "database unavailable");
        // The process itself is still alive.
        assert_eq!(app.get("/healthz").await.status(), 200);
    }
}
