import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEnum, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { CourtSystemPermission } from '../access/court-system-access.policy';
import { PageQuery } from '../common/pagination';

export class IssueCourtSystemKeyRequest {
  @ApiProperty({ format: 'uuid', description: 'The court the system acts for: the key can refer and read only its cases' })
  @IsUUID()
  courtId: string;

  @ApiProperty({ description: "The court's system, by name: a key for a name the court already has joins that system", example: '杭州中院审判管理系统' })
  @IsString()
  @Length(1, 200)
  courtSystemName: string;

  @ApiProperty({ description: 'What the key is for, to tell keys apart (production, test…)', example: 'production 2026' })
  @IsString()
  @Length(1, 200)
  label: string;

  @ApiProperty({ enum: CourtSystemPermission, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @ArrayUnique()
  @IsEnum(CourtSystemPermission, { each: true })
  permissions: CourtSystemPermission[];
}

export class CourtSystemKeysQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  courtId?: string;
}
