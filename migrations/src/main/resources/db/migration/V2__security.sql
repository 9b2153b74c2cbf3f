-- People (bcrypt passwords) and machine API tokens (only the SHA-256 of the token is stored).

CREATE TABLE app_user (
    username      VARCHAR(64)  NOT NULL PRIMARY KEY,
    password_hash VARCHAR(100) NOT NULL,
    enabled       BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    created_by    VARCHAR(200)
);

CREATE TABLE app_user_role (
    username VARCHAR(64) NOT NULL REFERENCES app_user (username) ON DELETE CASCADE,
    role     VARCHAR(32) NOT NULL,
    PRIMARY KEY (username, role)
);

CREATE TABLE api_token (
    id          UUID         NOT NULL PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    token_hash  CHAR(64)     NOT NULL UNIQUE,
    roles       VARCHAR(32)[] NOT NULL,
    created_by  VARCHAR(200) NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    expires_at  TIMESTAMPTZ  NOT NULL,
    revoked_at  TIMESTAMPTZ,
    revoked_by  VARCHAR(200)
);
