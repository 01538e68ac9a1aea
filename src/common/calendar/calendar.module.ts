import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';
import { Holiday } from './holiday.entity';

/** Working-day calendars per country, shared by every module that counts working days. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Holiday])],
  controllers: [CalendarController],
  providers: [CalendarService],
  exports: [CalendarService],
})
export class CalendarModule {}
