package io.pressroom;

import io.pressroom.domain.audit.AuditLog;
import io.pressroom.domain.identity.AccountService;
import io.pressroom.domain.identity.LoginThrottle;
import io.pressroom.domain.identity.PasswordHasher;
import io.pressroom.domain.identity.UserAdministrationService;
import io.pressroom.domain.printer.PrinterService;
import io.pressroom.domain.printjob.PrintFit;
import io.pressroom.domain.printjob.PrintJobService;
import io.pressroom.domain.printjob.QueueSettings;
import io.pressroom.domain.shared.Transactions;
import io.pressroom.persistence.audit.JooqAuditLog;
import io.pressroom.persistence.identity.BouncyCastlePasswordHasher;
import io.pressroom.persistence.identity.Identity;
import io.pressroom.migrations.Migrations;
import io.pressroom.persistence.JooqTransactions;
import io.pressroom.persistence.printer.JooqPrinterKeyRepository;
import io.pressroom.persistence.printer.JooqPrinterRepository;
import io.pressroom.persistence.printjob.JooqPrintJobRepository;
import io.pressroom.persistence.printjob.PgJobFeed;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.ThreadLocalTransactionProvider;

/**
 * Pressroom as a library: the domain services assembled over a {@link DataSource} (plain
 * {@code new}, no container, no HTTP). The server builds exactly this and puts Javalin in
 * front of it. {@link #close()} stops background work (the lease sweeper); the
 * {@code DataSource} stays the caller's.
 *
 * <pre>{@code
 * try (Pressroom pressroom = Pressroom.builder().dataSource(ds).build()) {
 *     ...
 * }
 * }</pre>
 */
public final class Pressroom implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Pressroom.class);

    private final DataSource dataSource;
    private final Clock clock;
    private final Migrations migrations;
    private final DSLContext dsl;
    private final Transactions transactions;
    private final io.pressroom.domain.audit.AuditLog auditLog;
    private final io.pressroom.domain.organization.OrganizationService organizations;
    private final io.pressroom.domain.organization.InvitationService invitations;
    private final io.pressroom.domain.organization.OrganizationAdminService organizationAdmin;
    private final io.pressroom.domain.audit.AuditTrailService auditTrail;
    private final io.pressroom.domain.template.TemplateService templates;
    private final io.pressroom.domain.file.FileService files;
    private final io.pressroom.domain.file.PrintCheck printCheck;
    private final io.pressroom.domain.shop.ShopService shops;
    private final io.pressroom.domain.canvas.CanvasConfigService canvasConfigs;
    private final Identity identity;
    private final QueueSettings queueSettings;
    private final PgJobFeed jobFeed;
    private final PrinterService printers;
    private final PrintJobService printJobs;
    private final io.pressroom.persistence.Background background = new io.pressroom.persistence.Background();

    private Pressroom(Builder b) {
        this.dataSource = Objects.requireNonNull(b.dataSource, "dataSource is required");
        this.clock = b.clock;
        this.migrations = new Migrations(dataSource);
        if (b.migrate) {
            migrations.migrate();
        }
        this.dsl = dsl(dataSource);
        JooqTransactions jooqTransactions = new JooqTransactions(dsl);
        this.transactions = jooqTransactions;
        this.auditLog = new io.pressroom.persistence.audit.JooqAuditLog(dsl);
        var organizationRepository = new io.pressroom.persistence.organization.JooqOrganizationRepository(dsl);
        this.organizations = new io.pressroom.domain.organization.OrganizationService(transactions, organizationRepository, auditLog, clock);
        this.invitations = new io.pressroom.domain.organization.InvitationService(transactions, organizationRepository,
                new io.pressroom.persistence.organization.JooqInvitationRepository(dsl), auditLog, clock);
        this.organizationAdmin = new io.pressroom.domain.organization.OrganizationAdminService(transactions, organizationRepository,
                new io.pressroom.persistence.organization.JooqStatsSource(dsl), auditLog, clock);
        this.auditTrail = new io.pressroom.domain.audit.AuditTrailService(transactions,
                new io.pressroom.persistence.audit.JooqAuditEventRepository(dsl, jooqTransactions));
        this.templates = new io.pressroom.domain.template.TemplateService(transactions,
                new io.pressroom.persistence.template.JooqTemplateRepository(dsl), auditLog, clock);
        var fileRepository = new io.pressroom.persistence.file.JooqFileRepository(dsl);
        this.files = new io.pressroom.domain.file.FileService(transactions, fileRepository,
                b.fileStore == null ? io.pressroom.domain.file.FileStore.none() : b.fileStore, auditLog, b.maxUploadBytes);
        this.printCheck = new io.pressroom.domain.file.PrintCheck(transactions, fileRepository);
        this.shops = new io.pressroom.domain.shop.ShopService(transactions, new io.pressroom.persistence.shop.JooqShopRepository(dsl),
                b.secretKey == null || b.secretKey.isEmpty() ? io.pressroom.domain.shop.SecretCipher.none()
                        : new io.pressroom.persistence.shop.AesGcmSecretCipher(b.secretKey), auditLog, clock);
        this.canvasConfigs = new io.pressroom.domain.canvas.CanvasConfigService(transactions,
                new io.pressroom.persistence.canvas.JooqCanvasConfigRepository(dsl), auditLog, clock);
        this.identity = Identity.assemble(dsl, transactions, auditLog, clock, b.sessionTtl, b.loginLimits, b.passwordHasher,
                !b.migrate && Identity.legacySchemaOnly(migrations));
        this.queueSettings = b.queueSettings;
        this.jobFeed = new PgJobFeed(dataSource, dsl, transactions);
        this.printers = new PrinterService(transactions, new JooqPrinterRepository(dsl), new JooqPrinterKeyRepository(dsl),
                auditLog, clock, queueSettings.lease());
        this.printJobs = new PrintJobService(transactions, new JooqPrintJobRepository(dsl, jooqTransactions), new JooqPrinterRepository(dsl),
                auditLog, b.printFit != null ? b.printFit : new io.pressroom.domain.file.FilePrintFit(fileRepository), jobFeed,
                queueSettings, clock, b.agentHotPath ? new io.pressroom.persistence.printjob.JooqAgentHotPath(dsl) : null);
        if (!identity.compatibilityMode()) {
            scheduleBackgroundWork(b, dataSource);
        }
    }

    /** The lease sweeper and the queue's vacuum (unless turned off), and the file sweep (when a store is set). */
    private void scheduleBackgroundWork(Builder b, DataSource dataSource) {
        if (b.sweeper) {
            background.every(queueSettings.sweepInterval(), "lease sweeper", () -> {
                int n = printJobs.sweep();
                if (n > 0) {
                    LOG.info("lease sweeper: {} print job(s) whose agent stopped reporting went back to the queue (or failed)", n);
                }
            });
            var vacuum = new io.pressroom.persistence.printjob.QueueVacuum(dataSource, Clock.systemUTC());
            background.every(io.pressroom.persistence.printjob.QueueVacuum.MIN_INTERVAL, "queue vacuum", vacuum::runIfDue);
        }
        if (b.fileStore != null && b.fileSweep.enabled()) {
            background.every(b.fileSweep.interval(), "file sweep", () -> {
                var r = files.sweepAll(b.fileSweep.minAge(), clock.instant());
                if (r.staged() > 0 || r.orphans() > 0) {
                    LOG.info("file sweep: removed {} unfinished upload(s) and {} stored file(s) no row points to (older than {})",
                            r.staged(), r.orphans(), b.fileSweep.minAge());
                }
            });
        }
    }

    static DSLContext dsl(DataSource dataSource) {
        DefaultConfiguration cfg = new DefaultConfiguration();
        cfg.set(SQLDialect.POSTGRES);
        cfg.set(new ThreadLocalTransactionProvider(new DataSourceConnectionProvider(dataSource)));
        cfg.set(new Settings().withRenderSchema(false).withExecuteLogging(false));
        return org.jooq.impl.DSL.using(cfg);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The database it was built over (the caller's; Pressroom never closes it). */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The schema operations (migrate, info, baseline, adopt-default-org, rollback). */
    public Migrations migrations() {
        return migrations;
    }

    /**
     * Uploads, listing, download, deletion of files (UploadFile, BrowseFiles, DeleteFile); without
     * {@link Builder#fileStore} every byte operation answers 503 {@code files.no-store}.
     */
    public io.pressroom.domain.file.FileService files() {
        return files;
    }

    /** Do these files fit this printer at a good enough DPI (print-job submission uses it). */
    public io.pressroom.domain.file.PrintCheck printCheck() {
        return printCheck;
    }

    /** Shops (ManageShops): shopConfig values sealed with PRESSROOM_SECRET_KEY when set, never shown. */
    public io.pressroom.domain.shop.ShopService shops() {
        return shops;
    }

    /** Canvas configs (ManageCanvasConfigs). */
    public io.pressroom.domain.canvas.CanvasConfigService canvasConfigs() {
        return canvasConfigs;
    }

    public Transactions transactions() {
        return transactions;
    }

    public Clock clock() {
        return clock;
    }

    /** The audit trail's writer (every mutation appends one event through it, in its unit of work). */
    public io.pressroom.domain.audit.AuditLog auditLog() {
        return auditLog;
    }

    /** Organizations: create, list, rename, delete (soft). */
    public io.pressroom.domain.organization.ManageOrganizations organizations() {
        return organizations;
    }

    /** An organization's members. */
    public io.pressroom.domain.organization.ManageMembers members() {
        return organizations;
    }

    public io.pressroom.domain.organization.ManageInvitations invitations() {
        return invitations;
    }

    /** System admin: every organization, (de)activation, statistics. */
    public io.pressroom.domain.organization.AdministerOrganizations organizationAdmin() {
        return organizationAdmin;
    }

    /** Reading (and exporting) the audit trail. */
    public io.pressroom.domain.audit.ReadAuditTrail auditTrail() {
        return auditTrail;
    }

    public io.pressroom.domain.template.ManageTemplates templates() {
        return templates;
    }

    /** Signup, login, logout, sessions, profile, password change and reset. */
    public AccountService accounts() {
        return identity.accounts();
    }

    /** System admins: {@code /api/admin/users}, reset tokens, start-up bootstrap, {@code create-admin}. */
    public UserAdministrationService users() {
        return identity.users();
    }

    /**
     * Compatibility mode: built with {@code migrate(false)} over a database that has the legacy
     * schema only. Logins of existing users work (sessions held in memory); nothing else does.
     */
    public boolean compatibilityMode() {
        return identity.compatibilityMode();
    }

    public QueueSettings queueSettings() {
        return queueSettings;
    }

    /** Printers, their API keys, and agent authentication by key. */
    public PrinterService printers() {
        return printers;
    }

    /** Print jobs: submit and steer (members), claim and report (agents), sweep, watch live. */
    public PrintJobService printJobs() {
        return printJobs;
    }

    @Override
    public void close() {
        background.close();
        jobFeed.close();
    }

    public static final class Builder {
        private DataSource dataSource;
        private Clock clock = Clock.systemUTC();
        private boolean migrate = true;
        private io.pressroom.domain.file.FileStore fileStore;
        private long maxUploadBytes = 2L * 1024 * 1024 * 1024;
        private String secretKey;
        private Duration sessionTtl = Identity.DEFAULT_SESSION_TTL;
        private LoginThrottle.Limits loginLimits = LoginThrottle.Limits.defaults();
        private PasswordHasher passwordHasher = new BouncyCastlePasswordHasher();
        private QueueSettings queueSettings = QueueSettings.defaults();
        private PrintFit printFit;
        private boolean sweeper = true;
        private boolean agentHotPath = true;
        private io.pressroom.domain.file.FileSweepSettings fileSweep = io.pressroom.domain.file.FileSweepSettings.off();

        private Builder() {}

        /** The database; required. Pressroom never closes it. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /** Apply pending migrations when built (default true). */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where file bytes live (e.g. {@code new NasFileStore(dir)} from storage-nas). */
        public Builder fileStore(io.pressroom.domain.file.FileStore fileStore) {
            this.fileStore = fileStore;
            return this;
        }

        /** Encrypts shop secrets at rest (PRESSROOM_SECRET_KEY; at least 16 characters); null: stored as given. */
        public Builder secretKey(String secretKey) {
            this.secretKey = secretKey;
            return this;
        }

        /** The largest file an upload may carry (default 2 GiB, PRESSROOM_MAX_UPLOAD_BYTES). */
        public Builder maxUploadBytes(long maxUploadBytes) {
            this.maxUploadBytes = maxUploadBytes;
            return this;
        }

        /** How long a session lasts from login (default 7 days; PRESSROOM_SESSION_HOURS in the server). */
        public Builder sessionTtl(Duration sessionTtl) {
            this.sessionTtl = Objects.requireNonNull(sessionTtl, "sessionTtl");
            return this;
        }

        /** Failed logins allowed per account and per address (default 5 and 100 a minute). */
        public Builder loginLimits(LoginThrottle.Limits loginLimits) {
            this.loginLimits = Objects.requireNonNull(loginLimits, "loginLimits");
            return this;
        }

        /** Password hashing (default argon2id at OWASP's parameters, legacy bcrypt verified). */
        public Builder passwordHasher(PasswordHasher passwordHasher) {
            this.passwordHasher = Objects.requireNonNull(passwordHasher, "passwordHasher");
            return this;
        }

        /** Lease, sweep interval and attempts of the job queue (default {@link QueueSettings#defaults()}). */
        public Builder queueSettings(QueueSettings queueSettings) {
            this.queueSettings = Objects.requireNonNull(queueSettings, "queueSettings");
            return this;
        }

        /** The check that a job's files fit a printer (size, DPI) at submission; default: the Files area's FilePrintFit. */
        public Builder printFit(PrintFit printFit) {
            this.printFit = Objects.requireNonNull(printFit, "printFit");
            return this;
        }

        /** Run the lease sweeper in the background (default true; tests may sweep by hand). */
        public Builder sweeper(boolean sweeper) {
            this.sweeper = sweeper;
            return this;
        }

        /**
         * The agents' claim and completeAndClaimNext in one round trip each (V15's functions;
         * default true). False: statement by statement through the domain (tests compare the two).
         */
        public Builder agentHotPath(boolean agentHotPath) {
            this.agentHotPath = agentHotPath;
            return this;
        }

        /**
         * Sweep the file store in the background (staged bytes of unfinished uploads, stored bytes
         * without a row) as these settings say; default off for library users (the server reads
         * {@code PRESSROOM_FILE_SWEEP_SECONDS}); {@link io.pressroom.domain.file.FileService#sweepAll}
         * sweeps by hand. Needs a {@link #fileStore}.
         */
        public Builder fileSweep(io.pressroom.domain.file.FileSweepSettings fileSweep) {
            this.fileSweep = Objects.requireNonNull(fileSweep, "fileSweep");
            return this;
        }

        public Pressroom build() {
            return new Pressroom(this);
        }
    }
}
