import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JwtStrategy, TokenStatus } from '../../common/auth/jwt.strategy';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AccountLinks } from './account-links';
import { ApiClient } from './api-client.entity';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginFailure } from './login-attempt.entity';
import { PasswordReset } from './password-reset.entity';
import { PasswordResetsService } from './password-resets.service';
import { User } from './user.entity';
import { ApiClientsController, UsersController } from './users.controller';
import { UsersService } from './users.service';
import { TokenStatusService } from './token-status.service';

@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtSecret,
        signOptions: { expiresIn: config.jwtTtlSeconds, issuer: config.jwtIssuer, algorithm: 'HS256' },
      }),
    }),
    TypeOrmModule.forFeature([User, ApiClient, LoginFailure, PasswordReset]),
  ],
  controllers: [AuthController, UsersController, ApiClientsController],
  providers: [
    AuthService,
    AccountLinks,
    UsersService,
    PasswordResetsService,
    JwtStrategy,
    TokenStatusService,
    { provide: TokenStatus, useExisting: TokenStatusService },
  ],
  exports: [AccountLinks, UsersService, PasswordResetsService, TokenStatus],
})
export class AuthModule {}
