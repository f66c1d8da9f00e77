package io.pressroom.persistence.identity;

import io.pressroom.Pressroom;
import io.pressroom.domain.identity.LoginThrottle;
import io.pressroom.domain.shared.TenantScope;
import io.pressroom.testing.TestPostgres;
import java.util.function.Supplier;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;

/** The PostgreSQL throttle, through the runtime role (it may reach login_failures only via V5's functions). */
class JooqLoginThrottleTest extends LoginThrottleContract {
    private Pressroom pressroom;

    @Override
    LoginThrottle throttle() {
        var db = TestPostgres.newDatabase();
        pressroom = Pressroom.builder().dataSource(db.dataSource()).build();
        var dsl = DSL.using(new org.jooq.impl.DefaultConfiguration().set(SQLDialect.POSTGRES)
                .set(new org.jooq.impl.ThreadLocalTransactionProvider(new org.jooq.impl.DataSourceConnectionProvider(db.dataSource()))));
        transactions = new io.pressroom.persistence.JooqTransactions(dsl);
        return new JooqLoginThrottle(dsl, LIMITS);
    }

    private io.pressroom.persistence.JooqTransactions transactions;

    @Override
    <T> T run(Supplier<T> call) {
        return transactions.inTransaction(TenantScope.anonymous(), call);
    }

    @AfterEach
    void close() {
        pressroom.close();
    }
}
