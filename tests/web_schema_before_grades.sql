-- The tables of `scoring serve`'s database before grades were recorded (commit 21124ea), as SQLite
-- prints them: a database written by that version must still open (tests/test_web_http.py).
CREATE TABLE uploads (
	id INTEGER NOT NULL,
	kind VARCHAR(16) NOT NULL,
	created_at DATETIME NOT NULL,
	stored INTEGER NOT NULL,
	duplicates INTEGER NOT NULL,
	failed INTEGER NOT NULL,
	changed INTEGER NOT NULL,
	report TEXT NOT NULL,
	PRIMARY KEY (id)
);
CREATE TABLE files (
	content_hash VARCHAR(64) NOT NULL,
	size INTEGER NOT NULL,
	data BLOB NOT NULL,
	PRIMARY KEY (content_hash)
);
CREATE TABLE submissions (
	id INTEGER NOT NULL,
	content_hash VARCHAR(64) NOT NULL,
	upload_id INTEGER NOT NULL,
	filename VARCHAR(300) NOT NULL,
	kind VARCHAR(16) NOT NULL,
	case_id VARCHAR(200) NOT NULL,
	unit VARCHAR(300) NOT NULL,
	region VARCHAR(300) NOT NULL,
	province VARCHAR(100) NOT NULL,
	city VARCHAR(100) NOT NULL,
	year INTEGER NOT NULL,
	case_json TEXT NOT NULL,
	uploaded_at DATETIME NOT NULL,
	PRIMARY KEY (id),
	UNIQUE (content_hash),
	FOREIGN KEY(upload_id) REFERENCES uploads (id)
);
CREATE INDEX ix_submissions_region ON submissions (province, city);
CREATE TABLE results (
	id INTEGER NOT NULL,
	submission_id INTEGER NOT NULL,
	run_id INTEGER NOT NULL,
	current BOOLEAN NOT NULL,
	sheet_id VARCHAR(100) NOT NULL,
	title VARCHAR(300) NOT NULL,
	rules_id VARCHAR(100) NOT NULL,
	rules_version VARCHAR(50) NOT NULL,
	rules_sha256 VARCHAR(64) NOT NULL,
	claimed VARCHAR(40),
	computed VARCHAR(40),
	low VARCHAR(40),
	high VARCHAR(40),
	delta VARCHAR(40),
	claimed_key INTEGER,
	computed_key INTEGER,
	delta_key INTEGER,
	total_status VARCHAR(20) NOT NULL,
	worst_status VARCHAR(20) NOT NULL,
	worst_severity VARCHAR(10),
	severity_rank INTEGER NOT NULL,
	errors INTEGER NOT NULL,
	warnings INTEGER NOT NULL,
	failure TEXT NOT NULL,
	detail BLOB NOT NULL,
	scored_at DATETIME NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(submission_id) REFERENCES submissions (id),
	FOREIGN KEY(run_id) REFERENCES uploads (id)
);
CREATE INDEX ix_results_current ON results (current, severity_rank, delta_key);
CREATE INDEX ix_results_submission ON results (submission_id, sheet_id);
CREATE TABLE changes (
	id INTEGER NOT NULL,
	run_id INTEGER NOT NULL,
	old_id INTEGER,
	new_id INTEGER NOT NULL,
	what VARCHAR(200) NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(run_id) REFERENCES uploads (id),
	FOREIGN KEY(old_id) REFERENCES results (id),
	FOREIGN KEY(new_id) REFERENCES results (id)
);
